// Fetching the pinned Sotkanet indicators (data/indicators/sotkanet-pinned.json) from the live
// service into files of the Sotkanet format, for importSotkanet. A pinned id is used only when the
// Finnish title Sotkanet gives for it is still the reviewed one.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { INDICATOR_DATA_DIR } from "./catalogue.ts";
import { parseSotkanetFile } from "./parse-sotkanet.ts";
import type { FetchedFile, SotkanetClient, SotkanetGender } from "./sotkanet-client.ts";

export const SOTKANET_GENDERS = ["total", "male", "female"] as const;

export const pinnedEntrySchema = z.object({
  sotkanetId: z.number().int().positive(),
  titleFi: z.string().min(1),
  catalogueId: z.string().regex(/^sotkanet-\d+$/),
  firstYear: z.number().int().min(1900).max(2100),
  genders: z.array(z.enum(SOTKANET_GENDERS)).min(1),
  reviewed: z.string().min(1),
});
export type PinnedIndicator = z.infer<typeof pinnedEntrySchema>;

export function readPinnedIndicators(): PinnedIndicator[] {
  const json = JSON.parse(readFileSync(resolve(INDICATOR_DATA_DIR, "sotkanet-pinned.json"), "utf8")) as { indicators: unknown };
  return z.array(pinnedEntrySchema).parse(json.indicators);
}

/** Titles are compared as Sotkanet writes them, ignoring case and runs of white space. */
export function sameTitle(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("fi");
  return norm(a) === norm(b);
}

export type PinProblem = { key: "titleChanged"; sotkanetId: number; expected: string; found: string };

export interface FetchPlan {
  indicators: readonly PinnedIndicator[];
  years: readonly number[];
  genders: readonly SotkanetGender[];
}

export type FetchOutcome = { ok: true; files: FetchedFile[] } | { ok: false; problems: PinProblem[] };

/**
 * The region list, then for each pinned indicator its metadata (title checked) and its data rows
 * for the chosen years and genders (only those the entry allows). Transport errors throw
 * SotkanetFetchError; a changed title refuses the whole fetch (nothing is imported).
 */
export async function fetchPinned(client: SotkanetClient, plan: FetchPlan): Promise<FetchOutcome> {
  const files: FetchedFile[] = [await client.regions()];
  const problems: PinProblem[] = [];
  const wanted: { entry: PinnedIndicator; genders: SotkanetGender[] }[] = [];
  for (const entry of plan.indicators) {
    const meta = await client.indicator(entry.sotkanetId);
    const parsed = parseSotkanetFile(meta.bytes);
    const found = parsed.ok && parsed.kind === "indicators" ? parsed.indicators.find((i) => i.id === entry.sotkanetId) : undefined;
    if (!found || !sameTitle(found.title.fi, entry.titleFi)) {
      problems.push({ key: "titleChanged", sotkanetId: entry.sotkanetId, expected: entry.titleFi, found: found?.title.fi ?? "" });
      continue;
    }
    files.push(meta);
    wanted.push({ entry, genders: plan.genders.filter((g) => entry.genders.includes(g)) });
  }
  if (problems.length > 0) return { ok: false, problems };
  for (const { entry, genders } of wanted) {
    const years = plan.years.filter((y) => y >= entry.firstYear);
    if (years.length === 0 || genders.length === 0) continue;
    files.push(await client.data(entry.sotkanetId, years, genders));
  }
  return { ok: true, files };
}
