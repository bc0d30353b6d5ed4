import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "../../db/client.ts";
import { upsertAll } from "../../db/upsert.ts";
import { isSafeCodePattern } from "../projects/rules.ts";
import { regionalAuthorities } from "../regions/schema.ts";
import { actionAreas, funders, programmeFunders, programmes, specificObjectives, targetGroups } from "./schema.ts";

const dataDir = resolve(import.meta.dirname, "../../../data/programmes");

const names = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) });

export const programmeFile = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: names,
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  regionalStructure: z.string().min(1),
  projectCodePattern: z.string().refine(isSafeCodePattern, "unsafe or invalid project code format").optional(),
  specificObjectives: z.array(z.object({ code: z.string().min(1), name: names })),
  actionAreas: z.array(z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: names })).min(1),
  funders: z.array(
    z.union([
      z.object({ id: z.string(), kind: z.literal("ministry"), name: names }),
      z.object({ id: z.string(), kind: z.literal("regional_authority"), regionalAuthority: z.string() }),
    ]),
  ),
});
export type ProgrammeFile = z.infer<typeof programmeFile>;

const targetGroupFile = z.object({
  targetGroups: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), fi: z.string(), sv: z.string(), en: z.string() })),
});

/** Every programme file in data/programmes (all files except target-groups.json). */
export function readProgrammeFiles(): ProgrammeFile[] {
  return readdirSync(dataDir)
    .filter((f) => f.endsWith(".json") && f !== "target-groups.json")
    .sort()
    .map((f) => programmeFile.parse(JSON.parse(readFileSync(resolve(dataDir, f), "utf8"))));
}

/** Loads programmes and target groups. Idempotent; runs after the regions seed. */
export async function seedProgrammes(db: Db): Promise<void> {
  const files = readProgrammeFiles();
  const groups = targetGroupFile.parse(JSON.parse(readFileSync(resolve(dataDir, "target-groups.json"), "utf8")));
  await db.transaction(async (tx) => {
    await upsertAll(
      tx,
      targetGroups,
      groups.targetGroups.map((g, i) => ({ id: g.id, nameFi: g.fi, nameSv: g.sv, nameEn: g.en, sortOrder: i })),
      targetGroups.id,
    );
    for (const p of files) await writeProgramme(tx, p);
  });
}

/**
 * Writes one programme with its objectives, action areas and funders (insert or update). Used by
 * the start-up seed and by the administration page; call inside a transaction.
 */
export async function writeProgramme(tx: Executor, p: ProgrammeFile): Promise<void> {
  await upsertAll(
    tx,
    programmes,
    [
      {
        id: p.id,
        nameFi: p.name.fi,
        nameSv: p.name.sv,
        nameEn: p.name.en,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        regionalStructureId: p.regionalStructure,
        projectCodePattern: p.projectCodePattern ?? null,
      },
    ],
    programmes.id,
  );
  await upsertAll(
    tx,
    specificObjectives,
    p.specificObjectives.map((o) => ({
      id: `${p.id}:${o.code}`,
      programmeId: p.id,
      code: o.code,
      nameFi: o.name.fi,
      nameSv: o.name.sv,
      nameEn: o.name.en,
    })),
    specificObjectives.id,
  );
  await upsertAll(
    tx,
    actionAreas,
    p.actionAreas.map((a, i) => ({
      id: `${p.id}:${a.code}`,
      programmeId: p.id,
      code: a.code,
      nameFi: a.name.fi,
      nameSv: a.name.sv,
      nameEn: a.name.en,
      sortOrder: i,
    })),
    actionAreas.id,
  );
  const authorityIds = p.funders.flatMap((f) => (f.kind === "regional_authority" ? [f.regionalAuthority] : []));
  const authorities = authorityIds.length
    ? await tx.select().from(regionalAuthorities).where(inArray(regionalAuthorities.id, authorityIds))
    : [];
  const funderRows = p.funders.map((f) => {
    if (f.kind === "ministry")
      return { id: f.id, kind: f.kind, regionalAuthorityId: null, nameFi: f.name.fi, nameSv: f.name.sv, nameEn: f.name.en };
    const a = authorities.find((x) => x.id === f.regionalAuthority);
    if (!a) throw new Error(`Programme ${p.id}: unknown regional authority ${f.regionalAuthority}`);
    return { id: f.id, kind: f.kind, regionalAuthorityId: a.id, nameFi: a.nameFi, nameSv: a.nameSv, nameEn: a.nameEn };
  });
  if (funderRows.length === 0) return;
  await upsertAll(tx, funders, funderRows, funders.id);
  await tx
    .insert(programmeFunders)
    .values(funderRows.map((f) => ({ programmeId: p.id, funderId: f.id })))
    .onConflictDoNothing();
}
