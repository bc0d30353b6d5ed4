import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { HOS_FILES, readDataFile } from "./catalogue.ts";
import { importHos, importSotkanet, importTidyCsv, loadStartingIndicators, writeValues } from "./import-service.ts";
import { computeIndexVersion, createIndexVersion, currentIndexVersion, ensureDefaultIndexVersion } from "./index-service.ts";
import { indexValues, indexVersionIndicators, indicatorRegions, indicators, indicatorValues } from "./schema.ts";

const fixture = (name: string) => ({ name, bytes: readFileSync(resolve(import.meta.dirname, "../../../tests/fixtures/sotkanet", name)) });
const csv = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

let t: TestApp;
let first: Awaited<ReturnType<typeof loadStartingIndicators>>;
beforeAll(async () => {
  t = await createTestApp();
  first = await loadStartingIndicators(t.database.db);
  await ensureDefaultIndexVersion(t.database.db);
}, 180_000);
afterAll(async () => t?.close());

describe("the shipped data set", () => {
  it("imports every row, with a stored report that flags the data anomalies with both numbers", () => {
    const hos = first.hos;
    expect(hos?.saved).toBe(true);
    expect(hos?.counts).toMatchObject({ inserted: 69_096, updated: 0, unchanged: 0, rejected: 0 });
    const comparison = hos?.report.comparison;
    expect(comparison?.compared).toBe(14_364);
    expect(comparison?.anomalies).toHaveLength(246);
    expect(hos?.counts.anomalies).toBe(246);
    const kauniainen = comparison?.anomalies.find((a) => a.regionCode === "235" && a.indicatorId === "hos-sosiaaliset-seuraukset");
    expect(kauniainen).toMatchObject({ level: "kunta", year: 2019, published: 57.038782 });
    expect(kauniainen?.computed).toBeCloseTo(58.3652376, 6);
  });

  it("imports the population (Pertunmaa, merged later, is a known historical municipality)", () => {
    expect(first.population?.counts).toMatchObject({ inserted: 7_107, rejected: 0 });
  });

  it("is idempotent: the same files again change nothing", async () => {
    const again = await loadStartingIndicators(t.database.db);
    expect(again).toEqual({ hos: null, population: null });
    const files = HOS_FILES.map((name) => ({ name, bytes: readDataFile(name) }));
    const forced = await importHos(t.database.db, { files, userId: null, mode: "all_or_nothing" });
    expect(forced.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 69_096, rejected: 0 });
  }, 120_000);

  it("keeps each indicator's levels and years", async () => {
    const [youth] = await t.database.db.select().from(indicators).where(eq(indicators.id, "hos-nuorisotyottomyys"));
    expect(youth?.firstYear).toBe(2011);
    expect(youth?.lastYear).toBe(2019);
    expect([...(youth?.levels ?? [])].sort()).toEqual(["hyvinvointialue", "kunta", "maakunta", "seutukunta"]);
  });

  it("Sokra's own index equals every published composite that the rows reproduce", async () => {
    const version = await currentIndexVersion(t.database.db);
    expect(version).not.toBeNull();
    const result = await t.database.db.execute(sql`
      select count(*)::int as compared,
             count(*) filter (where abs(p.value - s.value) <= 0.000001000001)::int as equal
      from indicator_values p
      join indicators i on i.id = p.indicator_id and i.kind = 'published'
      join index_values s on s.version_id = ${version?.id}::uuid and s.level = p.level and s.region_code = p.region_code
        and s.year = p.year and s.component = i.dimension`);
    const row = (result as unknown as { rows: { compared: number; equal: number }[] }).rows[0];
    expect(row?.compared).toBe(14_364);
    expect(row?.equal).toBe(14_364 - 246);
  });

  it("computes the Gini coefficient only for wellbeing services counties with at least five municipalities", async () => {
    const version = await currentIndexVersion(t.database.db);
    const result = await t.database.db.execute(sql`
      select region_code from index_values where version_id = ${version?.id}::uuid and component = 'gini' and year = 2019 order by region_code`);
    const codes = (result as unknown as { rows: { region_code: string }[] }).rows.map((r) => r.region_code);
    // Helsinki (90) is one municipality; every other county has at least five (Keski-Pohjanmaa … Kainuu).
    expect(codes).not.toContain("90");
    expect(codes.length).toBeGreaterThan(15);
  });
});

describe("the tidy CSV importer", () => {
  it("refuses the whole file when any row is bad (all or nothing), with a message per row", async () => {
    const r = await importTidyCsv(t.database.db, {
      file: csv(
        "bad.csv",
        [
          "indicator,level,region_code,year,value,unit",
          "127,KUNTA,005,2023,9000,persons",
          "127,KUNTA,999,2023,1,",
          "127,KUNTA,009,,1,",
          "127,KUNTA,009,2023,abc,",
          "127,KUNTA,009,2023,12,%",
          "nope,KUNTA,009,2023,12,",
          "127,galaxy,009,2023,12,",
          "127,KUNTA,020,2023,1,",
          "127,KUNTA,020,2023,2,",
        ].join("\n"),
      ),
      userId: null,
      mode: "all_or_nothing",
    });
    expect(r.saved).toBe(false);
    const keys = r.report.messages.map((m) => [m.row, m.key]);
    expect(keys).toEqual([
      [3, "unknownRegion"],
      [4, "missingYear"],
      [5, "notANumber"],
      [6, "unitMismatch"],
      [7, "unknownIndicator"],
      [8, "unknownLevel"],
      [9, "duplicate"],
      [10, "duplicate"],
    ]);
    const stored = await t.database.db
      .select()
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, "sotkanet-127"), eq(indicatorValues.year, 2023)));
    expect(stored).toEqual([]);
  });

  it("imports the valid rows when the user chooses so", async () => {
    const r = await importTidyCsv(t.database.db, {
      file: csv("some.csv", "indicator;level;region_code;year;value\n127;kunta;5;2023;9000,5\n127;kunta;999;2023;1\n"),
      userId: null,
      mode: "valid_rows",
    });
    expect(r.saved).toBe(true);
    expect(r.counts).toMatchObject({ inserted: 1, rejected: 1 });
    const [v] = await t.database.db
      .select()
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, "sotkanet-127"), eq(indicatorValues.year, 2023)));
    expect(v).toMatchObject({ level: "kunta", regionCode: "005", value: 9000.5 });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, r.runId));
    expect(audit).toHaveLength(1);
  });

  it("refuses a file without the needed columns", async () => {
    const r = await importTidyCsv(t.database.db, { file: csv("x.csv", "a,b\n1,2\n"), userId: null, mode: "valid_rows" });
    expect(r.saved).toBe(false);
    expect(r.report.files[0]?.problem?.key).toBe("missingColumns");
  });
});

describe("the Sotkanet importer (stored files)", () => {
  it("imports metadata, the region list and data rows; again, nothing changes", async () => {
    const files = [fixture("indicators-127.json"), fixture("regions.json"), fixture("data-127.json")];
    const r = await importSotkanet(t.database.db, { files, userId: null, mode: "all_or_nothing" });
    expect(r.report.messages).toEqual([]);
    expect(r.saved).toBe(true);
    // 2021–2022 of 005, 009, 588 were in the shipped population already; the whole country is new.
    expect(r.counts).toMatchObject({ inserted: 1, updated: 0, unchanged: 6 });
    const [alajarvi] = await t.database.db
      .select()
      .from(indicatorRegions)
      .where(and(eq(indicatorRegions.level, "kunta"), eq(indicatorRegions.code, "005")));
    expect(alajarvi?.sotkanetId).toBe(5);
    const again = await importSotkanet(t.database.db, { files, userId: null, mode: "all_or_nothing" });
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 7 });
  });

  it("reports unknown indicators, a title match to pin, a unit that does not match, and bad data rows", async () => {
    const r = await importSotkanet(t.database.db, {
      files: [fixture("indicators-unknown.json"), fixture("data-bad.json")],
      userId: null,
      mode: "all_or_nothing",
    });
    expect(r.saved).toBe(false);
    const byFile = r.report.messages.map((m) => [m.file, m.row, m.key]);
    expect(byFile).toEqual([
      ["data-bad.json", 2, "unknownSotkanetRegion"],
      ["data-bad.json", 3, "missingValue"],
      ["data-bad.json", 4, "badShape"],
      ["data-bad.json", 5, "badShape"],
      ["data-bad.json", 6, "duplicate"],
      ["data-bad.json", 7, "duplicate"],
      ["indicators-unknown.json", 1, "unknownIndicator"],
      ["indicators-unknown.json", 2, "matchedByTitle"],
      ["indicators-unknown.json", 3, "unitMismatch"],
    ]);
  });

  it("refuses a file of an unexpected shape", async () => {
    const r = await importSotkanet(t.database.db, {
      files: [{ name: "x.json", bytes: new TextEncoder().encode('[{"foo":1}]') }],
      userId: null,
      mode: "valid_rows",
    });
    expect(r.saved).toBe(false);
    expect(r.report.files[0]?.problem?.key).toBe("unexpectedShape");
  });
});

describe("writing values (array parameters)", () => {
  it("any text survives the array literal: quotes, backslashes, commas, braces, spaces, NULL-like words; values exactly", async () => {
    const db = t.database.db;
    const codes = ['a"b', "c\\d", "e,f", "{g}", " h ", "NULL", "", "ö–ä"];
    const values = [0, -1.5, 1e-7, 123456789.123456, 5e300, -0, 0.1 + 0.2, 2 ** 53];
    const rows = codes.map((regionCode, i) => ({
      row: i + 1,
      indicatorId: "sotkanet-127",
      level: "koko_maa" as const,
      regionCode,
      year: 1901,
      gender: (["total", "male", "female"] as const)[i % 3] as "total",
      value: values[i] as number,
    }));
    expect(await writeValues(db, rows)).toEqual({ inserted: 8, updated: 0, unchanged: 0 });
    expect(await writeValues(db, rows)).toEqual({ inserted: 0, updated: 0, unchanged: 8 });
    const stored = await db
      .select({ code: indicatorValues.regionCode, value: indicatorValues.value })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, "sotkanet-127"), eq(indicatorValues.year, 1901)));
    expect(new Map(stored.map((s) => [s.code, s.value]))).toEqual(new Map(rows.map((r) => [r.regionCode, r.value === 0 ? 0 : r.value])));
    await db.delete(indicatorValues).where(and(eq(indicatorValues.indicatorId, "sotkanet-127"), eq(indicatorValues.year, 1901)));
  });
});

describe("recomputing a version writes only what changed", () => {
  it("after values change and vanish, the stored results equal a fresh computation; unchanged data changes nothing", async () => {
    const db = t.database.db;
    const version = await currentIndexVersion(db);
    const results = async (id: string) =>
      (
        await db
          .select({
            level: indexValues.level,
            year: indexValues.year,
            component: indexValues.component,
            code: indexValues.regionCode,
            value: indexValues.value,
          })
          .from(indexValues)
          .where(eq(indexValues.versionId, id))
      ).sort((a, b) => `${a.level}|${a.year}|${a.component}|${a.code}`.localeCompare(`${b.level}|${b.year}|${b.component}|${b.code}`));
    const id = version?.id as string;
    const original = await results(id);
    await computeIndexVersion(db, id);
    expect(await results(id)).toEqual(original);
    // Helsinki's youth unemployment of 2019 changes; Kauniainen's values of 2019 vanish.
    const where235 = and(eq(indicatorValues.level, "kunta"), eq(indicatorValues.regionCode, "235"), eq(indicatorValues.year, 2019));
    const saved235 = await db.select().from(indicatorValues).where(where235);
    const where091 = and(
      eq(indicatorValues.indicatorId, "hos-nuorisotyottomyys"),
      eq(indicatorValues.level, "kunta"),
      eq(indicatorValues.regionCode, "091"),
      eq(indicatorValues.year, 2019),
    );
    const [saved091] = await db.select().from(indicatorValues).where(where091);
    await db.delete(indicatorValues).where(where235);
    await db
      .update(indicatorValues)
      .set({ value: (saved091?.value ?? 0) + 50 })
      .where(where091);
    try {
      await computeIndexVersion(db, id);
      const members = (await db.select().from(indexVersionIndicators).where(eq(indexVersionIndicators.versionId, id))).map(
        (m) => m.indicatorId,
      );
      const fresh = await createIndexVersion(db, null, { name: "fresh for comparison", indicatorIds: members, current: false });
      await computeIndexVersion(db, fresh);
      const recomputed = await results(id);
      expect(recomputed).toEqual(await results(fresh));
      expect(recomputed).not.toEqual(original);
      expect(recomputed.some((r) => r.code === "235" && r.year === 2019 && r.level === "kunta")).toBe(false);
    } finally {
      await db.insert(indicatorValues).values(saved235);
      await db
        .update(indicatorValues)
        .set({ value: saved091?.value as number })
        .where(where091);
      await computeIndexVersion(db, id);
    }
    expect(await results(id)).toEqual(original);
  });
});
