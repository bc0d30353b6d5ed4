import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { actionAreas, funders, programmeFunders, programmes, specificObjectives, targetGroups } from "../programmes/schema.ts";
import { areaMaakunnat, areas, municipalities } from "../regions/schema.ts";
import { STRUCTURE_2014_2020, STRUCTURE_2026 } from "../regions/seed.ts";
import { deriveAreas, type StructureArea } from "./rules.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function structure(id: string): Promise<StructureArea[]> {
  const rows = await t.database.db
    .select({ id: areas.id, code: areaMaakunnat.maakuntaCode })
    .from(areas)
    .innerJoin(areaMaakunnat, eq(areaMaakunnat.areaId, areas.id))
    .where(eq(areas.structureId, id));
  const byArea = new Map<string, string[]>();
  for (const r of rows) byArea.set(r.id, [...(byArea.get(r.id) ?? []), r.code]);
  return [...byArea].map(([areaId, maakuntaCodes]) => ({ id: areaId, maakuntaCodes }));
}

// Independent reference: the flat maakunta table, which names each maakunta's area in both periods.
const regionsCsv: Record<string, string>[] = parse(
  readFileSync(resolve(import.meta.dirname, "../../../data/regions/regions.csv"), "utf8"),
  {
    columns: true,
  },
);

describe("area derivation for every municipality", () => {
  it("2014–2020: each mainland municipality falls in exactly its maakunta's coordination area; Åland in none", async () => {
    const s = await structure(STRUCTURE_2014_2020);
    const munis = await t.database.db.select().from(municipalities);
    expect(munis).toHaveLength(308);
    for (const m of munis) {
      const derived = deriveAreas(s, { scope: "local", maakuntaCodes: [], municipalityMaakuntaCodes: [m.maakuntaCode] });
      const expected = regionsCsv.find((r) => r.code === m.maakuntaCode)?.sokra_area_2014_2020;
      expect(derived, `${m.code} ${m.nameFi}`).toEqual(expected ? [expected] : []);
    }
  });

  it("from 2026: each mainland municipality falls in exactly its ESF funding area; Åland in none", async () => {
    const s = await structure(STRUCTURE_2026);
    const names = new Map(
      (await t.database.db.select().from(areas).where(eq(areas.structureId, STRUCTURE_2026))).map((a) => [a.id, a.nameFi]),
    );
    const munis = await t.database.db.select().from(municipalities);
    for (const m of munis) {
      const derived = deriveAreas(s, { scope: "local", maakuntaCodes: [], municipalityMaakuntaCodes: [m.maakuntaCode] });
      const expected = m.maakuntaCode === "21" ? undefined : regionsCsv.find((r) => r.code === m.maakuntaCode)?.esf_funding_evk_from_2026;
      expect(
        derived.map((id) => names.get(id)),
        `${m.code} ${m.nameFi}`,
      ).toEqual(expected ? [expected] : []);
    }
  });

  it("a national project belongs to all four areas in both periods", async () => {
    for (const id of [STRUCTURE_2014_2020, STRUCTURE_2026]) {
      expect(deriveAreas(await structure(id), { scope: "national", maakuntaCodes: [], municipalityMaakuntaCodes: [] })).toHaveLength(4);
    }
  });
});

describe("programmes as data", () => {
  it("loads ESF 2014–2020 priority axis 5 with its objective, four action areas and five funders", async () => {
    const db = t.database.db;
    const [p] = await db.select().from(programmes).where(eq(programmes.id, "esf-2014-2020-tl5"));
    expect(p).toMatchObject({ regionalStructureId: STRUCTURE_2014_2020, periodStart: "2014-01-01" });
    expect((await db.select().from(specificObjectives)).map((o) => o.code)).toEqual(["10.1"]);
    expect(await db.select().from(actionAreas)).toHaveLength(4);
    const f = await db
      .select({ id: funders.id, name: funders.nameFi })
      .from(programmeFunders)
      .innerJoin(funders, eq(funders.id, programmeFunders.funderId));
    expect(f.map((x) => x.id).sort()).toEqual(["ely-10", "ely-13", "ely-4", "ely-7", "stm"]);
    expect(f.find((x) => x.id === "ely-7")?.name).toBe("Etelä-Savon ELY-keskus");
    expect((await db.select().from(targetGroups)).length).toBe(11);
  });
});
