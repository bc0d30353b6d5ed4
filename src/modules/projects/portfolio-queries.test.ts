import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPortfolioProjects } from "../../../tests/helpers/portfolio-projects.ts";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { programmes } from "../programmes/schema.ts";
import { STRUCTURE_2014_2020 } from "../regions/seed.ts";
import { projectInput } from "./inputs.ts";
import { countAsOf, type PortfolioFilters, type PortfolioProject, trendByYear } from "./portfolio.ts";
import { portfolioCounts, portfolioHasDemo, portfolioOptions, portfolioTrend } from "./portfolio-queries.ts";
import type { Status } from "./rules.ts";
import { projectStatusHistory, projects } from "./schema.ts";
import { saveProject } from "./service.ts";

/**
 * Small crafted registry for the edge cases of the SQL: a project ending on the boundary day,
 * same-day status changes stored in the "wrong" order, a national project, a project without
 * action area, lead organisation or target groups, a second programme, no history at all.
 */
let t: TestApp;
let all: PortfolioProject[];
const TL5 = "esf-2014-2020-tl5";
const OTHER = "test-programme";
const NONE: PortfolioFilters = { programme: null, area: null };

async function add(code: string, fields: Record<string, unknown>, history: [Status, string][]) {
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code,
      programmeId: TL5,
      scope: "local",
      municipalityCodes: ["091"],
      nameFi: `Hanke ${code}`,
      summaryFi: "Kuvaus.",
      lead: { name: "Yhdistys ry", type: "ngo", businessId: "" },
      status: "running",
      ...fields,
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await t.database.db.delete(projectStatusHistory).where(eq(projectStatusHistory.projectId, r.id));
  // Inserted one by one in the given order, so that same-day rows are stored in that order.
  for (const [status, changedOn] of history)
    await t.database.db.insert(projectStatusHistory).values({ projectId: r.id, status, changedOn });
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.database.db.insert(programmes).values({
    id: OTHER,
    nameFi: "Testiohjelma",
    nameSv: "Testprogram",
    nameEn: "Test programme",
    periodStart: "2017-01-01",
    periodEnd: "2027-12-31",
    regionalStructureId: STRUCTURE_2014_2020,
  });
  // A: south, ends on the boundary day.
  await add("S10001", { actionAreaId: `${TL5}:youth`, targetGroupIds: ["young-people"] }, [
    ["applied", "2016-01-01"],
    ["running", "2016-03-01"],
    ["ended", "2019-01-31"],
  ]);
  // B: national; running and ended on one day, stored ended first.
  await add(
    "S10002",
    {
      scope: "national",
      municipalityCodes: [],
      actionAreaId: `${TL5}:weakest-labour-market`,
      targetGroupIds: ["long-term-unemployed", "immigrants"],
      lead: { name: "Kunta", type: "municipality", businessId: "0725937-3" },
    },
    [
      ["applied", "2017-09-01"],
      ["running", "2018-01-01"],
      ["ended", "2018-12-31"],
      ["running", "2018-12-31"],
    ],
  );
  // C: east and north; no action area, no lead organisation, no target groups; applied and running on one day, stored running first.
  const c = await add("S10003", { scope: "regional", municipalityCodes: [], maakuntaCodes: ["12", "19"] }, [
    ["running", "2018-05-01"],
    ["applied", "2018-05-01"],
  ]);
  await t.database.db.update(projects).set({ leadOrganisationId: null }).where(eq(projects.id, c));
  // D: the other programme, north (Oulu).
  await add("S10004", { programmeId: OTHER, municipalityCodes: ["564"], targetGroupIds: ["young-people"] }, [["running", "2017-02-01"]]);
  // E: no history at all. F: starts the day after the boundary.
  await add("S10005", {}, []);
  await add("S10006", {}, [["running", "2019-02-01"]]);
  all = await loadPortfolioProjects(t.database.db);
});
afterAll(async () => t?.close());

describe("portfolioCounts (SQL)", () => {
  it("counts the crafted registry on the boundary day", async () => {
    const c = await portfolioCounts(t.database.db, "2019-01-31", NONE);
    expect(c.total).toEqual({ running: 2, ended: 2 });
    expect(c.area).toEqual([
      { value: "central_west", running: 0, ended: 1 },
      { value: "east", running: 1, ended: 1 },
      { value: "north", running: 2, ended: 1 },
      { value: "south", running: 0, ended: 2 },
    ]);
    expect(c.actionArea).toEqual([
      { value: `${TL5}:weakest-labour-market`, running: 0, ended: 1 },
      { value: `${TL5}:youth`, running: 0, ended: 1 },
      { value: null, running: 2, ended: 0 },
    ]);
    expect(c.orgType).toEqual([
      { value: "municipality", running: 0, ended: 1 },
      { value: "ngo", running: 1, ended: 1 },
      { value: null, running: 1, ended: 0 },
    ]);
    expect(c.targetGroup).toEqual([
      { value: "immigrants", running: 0, ended: 1 },
      { value: "long-term-unemployed", running: 0, ended: 1 },
      { value: "young-people", running: 1, ended: 1 },
      { value: null, running: 1, ended: 0 },
    ]);
  });

  it("the day before the boundary, the project ending on it is still running", async () => {
    expect((await portfolioCounts(t.database.db, "2019-01-30", NONE)).total).toEqual({ running: 3, ended: 1 });
  });

  it("resolves same-day changes by the lifecycle, whatever the stored order", async () => {
    // B ran and ended on 2018-12-31: ended. C applied and started on 2018-05-01: running.
    const c = await portfolioCounts(t.database.db, "2018-12-31", NONE);
    expect(c.area.find((r) => r.value === "central_west")).toEqual({ value: "central_west", running: 0, ended: 1 });
    const may = await portfolioCounts(t.database.db, "2018-05-01", { programme: TL5, area: "east" });
    expect(may.total).toEqual({ running: 2, ended: 0 });
  });

  it("filters by programme and by area (the area breakdown then shows only that area)", async () => {
    expect((await portfolioCounts(t.database.db, "2019-01-31", { programme: TL5, area: null })).total).toEqual({ running: 1, ended: 2 });
    expect((await portfolioCounts(t.database.db, "2019-01-31", { programme: OTHER, area: null })).total).toEqual({ running: 1, ended: 0 });
    const north = await portfolioCounts(t.database.db, "2019-01-31", { programme: null, area: "north" });
    expect(north.total).toEqual({ running: 2, ended: 1 });
    expect(north.area).toEqual([{ value: "north", running: 2, ended: 1 }]);
  });

  it("is empty before anything started and for an area of another structure", async () => {
    const empty = { total: { running: 0, ended: 0 }, area: [], actionArea: [], orgType: [], targetGroup: [] };
    expect(await portfolioCounts(t.database.db, "2010-01-01", NONE)).toEqual(empty);
    const evk = (await portfolioOptions(t.database.db, "fi")).areas.find(
      (a) => a.id !== "east" && !["south", "north", "central_west"].includes(a.id),
    );
    expect(evk).toBeDefined();
    expect(await portfolioCounts(t.database.db, "2019-01-31", { programme: null, area: evk?.id ?? "" })).toEqual(empty);
  });

  it.each(["2015-12-31", "2016-03-01", "2017-02-01", "2018-05-01", "2018-12-30", "2018-12-31", "2019-01-31", "2019-02-01", "2030-01-01"])(
    "agrees with the pure rule on %s for every filter",
    async (day) => {
      for (const filters of [NONE, { programme: TL5, area: null }, { programme: null, area: "north" }, { programme: TL5, area: "south" }]) {
        expect(await portfolioCounts(t.database.db, day, filters)).toEqual(countAsOf(all, day, filters));
      }
    },
  );
});

describe("portfolioTrend (SQL)", () => {
  it("counts running at year end, started and ended per year", async () => {
    const rows = await portfolioTrend(t.database.db, NONE, 2026);
    expect(rows.slice(0, 5)).toEqual([
      { year: 2016, runningAtYearEnd: 1, started: 1, ended: 0 },
      { year: 2017, runningAtYearEnd: 2, started: 1, ended: 0 },
      { year: 2018, runningAtYearEnd: 3, started: 2, ended: 1 },
      { year: 2019, runningAtYearEnd: 3, started: 1, ended: 1 },
      { year: 2020, runningAtYearEnd: 3, started: 0, ended: 0 },
    ]);
    expect(rows.at(-1)).toEqual({ year: 2026, runningAtYearEnd: 3, started: 0, ended: 0 });
  });

  it.each([2015, 2018, 2019, 2026])("agrees with the pure rule up to %i for every filter", async (lastYear) => {
    for (const filters of [NONE, { programme: TL5, area: null }, { programme: null, area: "east" }, { programme: OTHER, area: "south" }]) {
      expect(await portfolioTrend(t.database.db, filters, lastYear)).toEqual(trendByYear(all, filters, lastYear));
    }
  });
});

describe("portfolioOptions and portfolioHasDemo", () => {
  it("lists programmes and areas in their order, in the page's language", async () => {
    const o = await portfolioOptions(t.database.db, "sv");
    expect(o.programmes.map((p) => p.id)).toEqual([TL5, OTHER]);
    expect(o.programmes[1]?.label).toBe("Testprogram");
    expect(o.areas.slice(0, 4).map((a) => a.id)).toEqual(["south", "central_west", "east", "north"]);
    expect(new Set(o.areas.map((a) => a.structure)).size).toBe(2);
    expect(o.actionAreas[0]).toEqual({
      id: `${TL5}:weakest-labour-market`,
      label: "Delaktighet för personer med den svagaste ställningen på arbetsmarknaden",
    });
    expect(o.targetGroups.length).toBeGreaterThan(5);
  });

  it("says whether the selection holds demo projects", async () => {
    expect(await portfolioHasDemo(t.database.db, NONE)).toBe(false);
    await t.database.db.execute(sql`update projects set is_demo = true where code = 'S10004'`);
    expect(await portfolioHasDemo(t.database.db, NONE)).toBe(true);
    expect(await portfolioHasDemo(t.database.db, { programme: TL5, area: null })).toBe(false);
    await t.database.db.execute(sql`update projects set is_demo = false where code = 'S10004'`);
  });
});
