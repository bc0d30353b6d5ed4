// The Sotkanet REST format (THL, https://sotkanet.fi/rest/1.1/; DOMAIN.md §5), read from files:
//   /indicators or /indicators/<id>  → indicator metadata: { id, title: {fi, sv, en}, organization, range, … }
//   /regions                         → [{ id, code, category, title: {fi, sv, en} }]
//   /json?indicator=…&years=…&genders=… → [{ indicator, region, year, gender, value, absValue }]
// Pure: a file's text → what it holds, element by element, with per-element messages.
import { z } from "zod";
import { normaliseRegionCode, type RowMessage } from "./rows.ts";
import type { Gender, Level } from "./schema.ts";

const titles = z.object({ fi: z.string().min(1), sv: z.string().optional(), en: z.string().optional() });

export const sotkanetIndicatorSchema = z.object({
  id: z.number().int().positive(),
  title: titles,
  organization: z.object({ id: z.number().optional(), title: titles.partial().optional() }).optional(),
  range: z.object({ start: z.number().int(), end: z.number().int() }).optional(),
  primaryValueType: z.object({ code: z.string().optional(), title: titles.partial().optional() }).optional(),
});
export type SotkanetIndicator = z.infer<typeof sotkanetIndicatorSchema>;

export const sotkanetRegionSchema = z.object({
  id: z.number().int().nonnegative(),
  code: z.string().min(1).max(20),
  category: z.string().min(1),
  title: titles,
});

export const sotkanetRowSchema = z.object({
  indicator: z.number().int().positive(),
  region: z.number().int().nonnegative(),
  year: z.number().int().min(1900).max(2100),
  gender: z.enum(["total", "male", "female"]),
  value: z.number().finite().nullable().optional(),
  absValue: z.number().finite().nullable().optional(),
});

/** Sotkanet region categories Sokra stores values for. Others (ELY-KESKUS, ERVA …) are skipped. */
export const CATEGORY_LEVELS: Record<string, Level> = {
  KUNTA: "kunta",
  SEUTUKUNTA: "seutukunta",
  MAAKUNTA: "maakunta",
  HYVINVOINTIALUE: "hyvinvointialue",
  MAA: "koko_maa",
};

export interface SotkanetRegion {
  row: number;
  sotkanetId: number;
  level: Level;
  code: string;
  titleFi: string;
  titleSv: string;
  titleEn: string;
}

export interface SotkanetDataRow {
  row: number;
  indicator: number;
  region: number;
  year: number;
  gender: Gender;
  value: number;
}

export type SotkanetFile =
  | { ok: true; kind: "indicators"; indicators: (SotkanetIndicator & { row: number })[]; messages: RowMessage[] }
  | { ok: true; kind: "regions"; regions: SotkanetRegion[]; skipped: number; messages: RowMessage[] }
  | { ok: true; kind: "data"; rows: SotkanetDataRow[]; messages: RowMessage[] }
  | { ok: false; problem: { key: "notJson" | "unexpectedShape" | "empty" | "tooLarge" } };

export const SOTKANET_MAX_BYTES = 200 * 1024 * 1024;

function shapeOf(element: unknown): "indicators" | "regions" | "data" | null {
  if (typeof element !== "object" || element === null) return null;
  const keys = new Set(Object.keys(element));
  if (keys.has("indicator") && keys.has("region") && keys.has("year")) return "data";
  if (keys.has("id") && keys.has("code") && keys.has("category")) return "regions";
  if (keys.has("id") && keys.has("title")) return "indicators";
  return null;
}

/** Reads one stored Sotkanet answer. Its kind is decided by the first element's keys. */
export function parseSotkanetFile(bytes: Uint8Array): SotkanetFile {
  if (bytes.length > SOTKANET_MAX_BYTES) return { ok: false, problem: { key: "tooLarge" } };
  const text = new TextDecoder("utf-8").decode(bytes);
  if (text.trim() === "") return { ok: false, problem: { key: "empty" } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: { key: "notJson" } };
  }
  const elements = Array.isArray(json) ? json : [json];
  if (elements.length === 0) return { ok: false, problem: { key: "empty" } };
  const kind = shapeOf(elements[0]);
  if (!kind) return { ok: false, problem: { key: "unexpectedShape" } };
  const messages: RowMessage[] = [];
  const bad = (row: number, error: z.ZodError) =>
    messages.push({ row, key: "badShape", params: { value: error.issues.map((i) => i.path.join(".") || "·").join(", ") } });

  if (kind === "data") {
    const rows: SotkanetDataRow[] = [];
    for (const [i, element] of elements.entries()) {
      // The common case checked by hand (a million rows through zod cost seconds); zod explains the rest.
      const e = element as Record<string, unknown>;
      if (
        // Safe integers, as zod's .int() requires (2^53 is an integer but not a safe one).
        Number.isSafeInteger(e.indicator) &&
        (e.indicator as number) > 0 &&
        Number.isSafeInteger(e.region) &&
        (e.region as number) >= 0 &&
        Number.isSafeInteger(e.year) &&
        (e.year as number) >= 1900 &&
        (e.year as number) <= 2100 &&
        (e.gender === "total" || e.gender === "male" || e.gender === "female") &&
        typeof e.value === "number" &&
        Number.isFinite(e.value) &&
        (e.absValue === undefined || e.absValue === null || (typeof e.absValue === "number" && Number.isFinite(e.absValue)))
      ) {
        rows.push({
          row: i + 1,
          indicator: e.indicator as number,
          region: e.region as number,
          year: e.year as number,
          gender: e.gender,
          value: e.value,
        });
        continue;
      }
      const parsed = sotkanetRowSchema.safeParse(element);
      if (!parsed.success) {
        bad(i + 1, parsed.error);
        continue;
      }
      const { value, ...rest } = parsed.data;
      // Sotkanet leaves out the value of a suppressed cell (small numbers): nothing to store.
      if (value === null || value === undefined) {
        messages.push({ row: i + 1, key: "missingValue" });
        continue;
      }
      rows.push({ row: i + 1, indicator: rest.indicator, region: rest.region, year: rest.year, gender: rest.gender, value });
    }
    return { ok: true, kind, rows, messages };
  }
  if (kind === "regions") {
    const regions: SotkanetRegion[] = [];
    let skipped = 0;
    for (const [i, element] of elements.entries()) {
      const parsed = sotkanetRegionSchema.safeParse(element);
      if (!parsed.success) {
        bad(i + 1, parsed.error);
        continue;
      }
      const level = CATEGORY_LEVELS[parsed.data.category.toUpperCase()];
      if (!level) {
        skipped += 1;
        continue;
      }
      const t = parsed.data.title;
      regions.push({
        row: i + 1,
        sotkanetId: parsed.data.id,
        level,
        code: normaliseRegionCode(level, parsed.data.code),
        titleFi: t.fi,
        titleSv: t.sv ?? t.fi,
        titleEn: t.en ?? t.fi,
      });
    }
    return { ok: true, kind, regions, skipped, messages };
  }
  const indicators: (SotkanetIndicator & { row: number })[] = [];
  for (const [i, element] of elements.entries()) {
    const parsed = sotkanetIndicatorSchema.safeParse(element);
    if (parsed.success) indicators.push({ ...parsed.data, row: i + 1 });
    else bad(i + 1, parsed.error);
  }
  return { ok: true, kind: "indicators", indicators, messages };
}
