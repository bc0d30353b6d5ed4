import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { projectInput } from "./inputs.ts";
import { labelsAt } from "./labels.ts";
import { prefixQuery, searchParams, searchProjects } from "./search.ts";
import { saveProject } from "./service.ts";

let t: TestApp;

const base = {
  programmeId: "esf-2014-2020-tl5",
  objectiveId: "esf-2014-2020-tl5:10.1",
  status: "running",
  lead: { name: "Yhdistys ry", type: "ngo", businessId: "" },
};

async function add(fields: Record<string, unknown>) {
  const r = await saveProject(t.database.db, null, projectInput.parse({ ...base, ...fields }), { today: "2026-11-25" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

beforeAll(async () => {
  t = await createTestApp();
  await add({
    code: "S10001",
    scope: "local",
    municipalityCodes: ["091"], // Helsinki → south
    actionAreaId: "esf-2014-2020-tl5:youth",
    nameFi: "Nuorten kuntoutus ja vertaistuki",
    nameSv: "Ungas rehabilitering och kamratstöd",
    summaryFi: "Nuoret saavat vertaistukea ja kuntoutusta.",
    summarySv: "Unga får kamratstöd och rehabilitering.",
    targetGroupIds: ["young-people"],
    plannedStart: "2016-03-01",
  });
  await add({
    code: "S10002",
    scope: "regional",
    maakuntaCodes: ["12", "19"], // Pohjois-Karjala → east, Lappi → north
    actionAreaId: "esf-2014-2020-tl5:weakest-labour-market",
    nameFi: "Työkykyä pohjoiseen",
    summaryFi: "Pitkäaikaistyöttömien työkyvyn tukeminen.",
    targetGroupIds: ["long-term-unemployed"],
    plannedStart: "2018-01-01",
    status: "ended",
    lead: { name: "Kunta", type: "municipality", businessId: "0725937-3" },
  });
  await add({
    code: "S10003",
    scope: "national",
    actionAreaId: "esf-2014-2020-tl5:youth",
    nameFi: "Valtakunnallinen nuorisohanke",
    summaryFi: "Nuorten osallisuus koko maassa.",
    targetGroupIds: ["young-people", "immigrants"],
    plannedStart: "2018-06-01",
  });
});
afterAll(async () => t?.close());

const search = (q: Record<string, unknown>, locale: "fi" | "sv" | "en" = "fi") =>
  searchProjects(t.database.db, searchParams.parse(q), locale);

describe("project search", () => {
  it("lists everything without filters, newest start first", async () => {
    const r = await search({});
    expect(r.total).toBe(3);
    expect(r.hits.map((h) => h.code)).toEqual(["S10003", "S10002", "S10001"]);
  });

  it("finds Finnish inflected forms through stemming", async () => {
    const r = await search({ q: "kuntoutusta" });
    expect(r.hits.map((h) => h.code)).toEqual(["S10001"]);
  });

  it("finds other inflected forms through stemmed prefixes (nuoret → nuorten)", async () => {
    expect((await search({ q: "nuoret" })).hits.map((h) => h.code).sort()).toEqual(["S10001", "S10003"]);
    expect((await search({ q: "nuoret vertaistuki" })).hits.map((h) => h.code)).toEqual(["S10001"]);
  });

  it("builds prefix queries from letters and digits only", () => {
    expect(prefixQuery("nuoret & 'x' | !y:*")).toBe("nuor:* & x:* & y:*");
    expect(prefixQuery("%%% ---")).toBeNull();
    expect(prefixQuery("Kuntoutusta ÅLAND 2019")).toBe("kuntoutu:* & ålan:* & 2019:*");
  });

  it("finds Swedish text", async () => {
    const r = await search({ q: "kamratstöd" }, "sv");
    expect(r.hits.map((h) => [h.code, h.name])).toEqual([["S10001", "Ungas rehabilitering och kamratstöd"]]);
  });

  it("tolerates a typo in the name (trigram)", async () => {
    const r = await search({ q: "Työkykya pohjoisen" });
    expect(r.hits.map((h) => h.code)).toContain("S10002");
  });

  it("finds by project code", async () => {
    expect((await search({ q: "s10002" })).hits.map((h) => h.code)).toEqual(["S10002"]);
  });

  it("filters by derived area, national projects counting in every area", async () => {
    expect((await search({ area: "east" })).hits.map((h) => h.code).sort()).toEqual(["S10002", "S10003"]);
    expect((await search({ area: ["east", "south"] })).total).toBe(3);
  });

  it("filters by maakunta through municipalities too", async () => {
    expect((await search({ maakunta: "01" })).hits.map((h) => h.code)).toEqual(["S10001"]);
  });

  it("counts each facet over the other filters (disjunctive faceting)", async () => {
    const r = await search({ status: "running" });
    expect(r.total).toBe(2);
    // The status facet still shows "ended" with its count, so the user can widen the choice.
    expect(r.facets.status).toEqual(
      expect.arrayContaining([
        { value: "running", count: 2 },
        { value: "ended", count: 1 },
      ]),
    );
    expect(r.facets.actionArea).toEqual([{ value: "esf-2014-2020-tl5:youth", count: 2 }]);
    expect(r.facets.startYear.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "2016", count: 1 },
      { value: "2018", count: 1 },
    ]);
    expect(r.facets.orgType).toEqual([{ value: "ngo", count: 2 }]);
  });

  it("counts each facet over the other filters when several are chosen; a project failing two counts nowhere", async () => {
    // S10001: south, running. S10002: east and north, ended. S10003: national (every area), running.
    const r = await search({ status: "running", area: "east" });
    expect(r.total).toBe(1);
    expect(r.hits.map((h) => h.code)).toEqual(["S10003"]);
    // Status over area=east: S10002 (ended) and S10003 (running).
    expect(r.facets.status.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "ended", count: 1 },
      { value: "running", count: 1 },
    ]);
    // Area over status=running: S10001 (south) and S10003 (all four).
    expect(r.facets.area.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "central_west", count: 1 },
      { value: "east", count: 1 },
      { value: "north", count: 1 },
      { value: "south", count: 2 },
    ]);
    // The other facets count only projects matching both: S10003.
    expect(r.facets.targetGroup.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "immigrants", count: 1 },
      { value: "young-people", count: 1 },
    ]);
    // Three filters: S10003 fails two (status, action area), S10001 all three: neither counts in any facet.
    const three = await search({ status: "ended", area: "east", actionArea: "esf-2014-2020-tl5:weakest-labour-market" });
    expect(three.total).toBe(1);
    expect(three.facets.status.sort((a, b) => a.value.localeCompare(b.value))).toEqual([{ value: "ended", count: 1 }]);
    expect(three.facets.actionArea.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "esf-2014-2020-tl5:weakest-labour-market", count: 1 },
    ]);
    expect(three.facets.area.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: "east", count: 1 },
      { value: "north", count: 1 },
    ]);
  });

  it("drops malformed parameters instead of failing", async () => {
    const r = await search({ status: "zombie", page: "-4", sort: "random", maakunta: "x'; drop table projects; --", area: "\u0000" });
    expect(r.total).toBe(3);
  });

  it("treats SQL and LIKE characters in the text as text", async () => {
    expect((await search({ q: "%' or 1=1 --" })).total).toBe(0);
    expect((await search({ q: "_" })).total).toBe(0);
  });

  it("treats control characters as spaces (a NUL byte never reaches PostgreSQL)", async () => {
    expect((await search({ q: "\u0000" })).total).toBe(3);
    const plain = await search({ q: "nuoret" });
    expect((await search({ q: "\u0000nuoret\u0007" })).total).toBe(plain.total);
  });

  it("never fails on random text (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60, unit: "binary" }), async (q) => {
        const r = await search({ q });
        expect(r.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });

  it("pages by 20", async () => {
    expect((await search({ page: 2 })).hits).toEqual([]);
  });
});

describe("the search follows every change of the registry at once", () => {
  const version = async () =>
    Number(
      ((await t.database.db.execute(sql`select version from registry_version`)) as unknown as { rows: { version: unknown }[] }).rows[0]
        ?.version,
    );

  it("finds a project saved after the same text was searched (the cached match belongs to the old version)", async () => {
    expect((await search({ q: "lumiveistos" })).total).toBe(0);
    const before = await version();
    await add({ code: "S10009", scope: "local", municipalityCodes: ["091"], nameFi: "Lumiveistos yhdessä", summaryFi: "Lumiveistoksia." });
    expect(await version()).toBeGreaterThan(before);
    const r = await search({ q: "lumiveistos" });
    expect(r.hits.map((h) => h.code)).toEqual(["S10009"]);
    expect((await search({ area: "south" })).hits.map((h) => h.code)).toContain("S10009");
  });

  it("counts an organisation's new type at once", async () => {
    const before = (await search({})).facets.orgType.find((f) => f.value === "foundation")?.count ?? 0;
    await t.database.db.execute(sql`update organisations set type = 'foundation' where name_fi = 'Kunta'`);
    const after = await search({ orgType: "foundation" });
    expect(after.facets.orgType.find((f) => f.value === "foundation")?.count).toBe(before + 1);
    expect(after.hits.map((h) => h.code)).toContain("S10002");
    await t.database.db.execute(sql`update organisations set type = 'municipality' where name_fi = 'Kunta'`);
    expect((await search({ orgType: "foundation" })).hits.map((h) => h.code)).not.toContain("S10002");
  });

  it("raises the version for a change in any table the search reads, and not for others", async () => {
    const cases = [
      sql`update projects set name_fi = name_fi where code = 'S10001'`,
      sql`delete from project_target_groups where target_group_id = 'no-such-group'`,
      sql`update project_areas set area_id = area_id where false`,
      sql`update project_maakunnat set maakunta_code = maakunta_code where false`,
      sql`update project_municipalities set municipality_code = municipality_code where false`,
      sql`update municipalities set name_fi = name_fi where code = '091'`,
      sql`update target_groups set name_fi = name_fi where false`,
      sql`update areas set name_fi = name_fi where false`,
      sql`update maakunnat set name_fi = name_fi where false`,
      sql`update action_areas set name_fi = name_fi where false`,
      sql`update funders set name_fi = name_fi where false`,
      sql`update programmes set name_fi = name_fi where false`,
      sql`update specific_objectives set name_fi = name_fi where false`,
    ];
    for (const statement of cases) {
      const before = await version();
      await t.database.db.execute(statement);
      expect(await version()).toBe(before + 1);
    }
    const before = await version();
    await t.database.db.execute(sql`update users set email = email where false`);
    expect(await version()).toBe(before);
  });

  it("gives the facet names of the result's own moment (labels follow a renamed target group)", async () => {
    const db = t.database.db;
    const first = await search({ targetGroup: "young-people" });
    const before = (await labelsAt(db, first.version, "fi")).targetGroup.get("young-people");
    await db.execute(sql`update target_groups set name_fi = 'Nuoret aikuiset' where id = 'young-people'`);
    const second = await search({ targetGroup: "young-people" });
    expect(second.version).not.toBe(first.version);
    expect((await labelsAt(db, second.version, "fi")).targetGroup.get("young-people")).toBe("Nuoret aikuiset");
    await db.execute(sql`update target_groups set name_fi = ${before ?? ""} where id = 'young-people'`);
  });

  it("sees nothing of a transaction that has not committed, and everything once it has", async () => {
    const db = t.database.db;
    let during = -1;
    await db.transaction(async (tx) => {
      await tx.execute(sql`update projects set status = 'embedded' where code = 'S10001'`);
      // Another search on the database (PGlite runs it after the transaction; PostgreSQL beside it).
      if (!process.env.TEST_DATABASE_URL) return;
      during = (await search({ status: "embedded" })).total;
    });
    if (process.env.TEST_DATABASE_URL) expect(during).toBe(0);
    expect((await search({ status: "embedded" })).hits.map((h) => h.code)).toEqual(["S10001"]);
    await db.execute(sql`update projects set status = 'running' where code = 'S10001'`);
    expect((await search({ status: "embedded" })).total).toBe(0);
  });
});
