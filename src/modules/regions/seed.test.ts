import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { listCoordinationAreas } from "./queries.ts";
import { areaMaakunnat, areas, maakunnat, municipalities, regionalAuthorities } from "./schema.ts";
import { STRUCTURE_2014_2020, STRUCTURE_2026, seedRegions } from "./seed.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe("regional reference data", () => {
  it("loads 19 maakunnat and 308 municipalities", async () => {
    const db = t.database.db;
    expect((await db.select({ n: count() }).from(maakunnat))[0]?.n).toBe(19);
    expect((await db.select({ n: count() }).from(municipalities))[0]?.n).toBe(308);
    expect((await db.select({ n: count() }).from(regionalAuthorities).where(eq(regionalAuthorities.kind, "ely")))[0]?.n).toBe(15);
    expect((await db.select({ n: count() }).from(regionalAuthorities).where(eq(regionalAuthorities.kind, "evk")))[0]?.n).toBe(10);
  });

  it("stores a boundary for every maakunta", async () => {
    const rows = await t.database.db.select({ code: maakunnat.code, boundary: maakunnat.boundary }).from(maakunnat);
    expect(rows.filter((r) => !r.boundary)).toEqual([]);
    expect(rows.find((r) => r.code === "19")?.boundary?.type).toMatch(/Polygon/);
  });

  it("has the four coordination areas of 2014–2020 in all three languages", async () => {
    const list = await listCoordinationAreas(t.database.db);
    expect(list.map((a) => a.id)).toEqual(["south", "central_west", "east", "north"]);
    expect(list.find((a) => a.id === "east")).toMatchObject({ nameFi: "Itä-Suomi", nameSv: "Östra Finland", nameEn: "Eastern Finland" });
  });

  it("covers the 18 mainland maakunnat exactly once in each structure, Åland in none", async () => {
    for (const structure of [STRUCTURE_2014_2020, STRUCTURE_2026]) {
      const rows = await t.database.db
        .select({ code: areaMaakunnat.maakuntaCode })
        .from(areaMaakunnat)
        .innerJoin(areas, eq(areas.id, areaMaakunnat.areaId))
        .where(eq(areas.structureId, structure));
      const codes = rows.map((r) => r.code);
      expect(codes).toHaveLength(18);
      expect(new Set(codes).size).toBe(18);
      expect(codes).not.toContain("21");
    }
  });

  it("puts Kanta-Häme in the south in 2014–2020 and in the Keski-Suomi funding area from 2026", async () => {
    const rows = await t.database.db
      .select({ areaId: areaMaakunnat.areaId })
      .from(areaMaakunnat)
      .where(eq(areaMaakunnat.maakuntaCode, "05"));
    expect(rows.map((r) => r.areaId).sort()).toEqual(["funding-2026-evk-5", "south"]);
  });

  it("is idempotent", async () => {
    await seedRegions(t.database.db);
    expect((await t.database.db.select({ n: count() }).from(municipalities))[0]?.n).toBe(308);
    expect((await t.database.db.select({ n: count() }).from(areaMaakunnat))[0]?.n).toBe(36);
  });
});
