import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assembleTrend,
  type CountRow,
  countAsOf,
  type PortfolioFilters,
  type PortfolioProject,
  phaseOf,
  shareRows,
  statusOnDay,
  trendByYear,
} from "./portfolio.ts";
import { STATUSES, type Status, statusOn } from "./rules.ts";

const dayArb = fc
  .date({ min: new Date("2014-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const historyArb = fc.array(
  fc.tuple(fc.constantFrom(...STATUSES), dayArb).map(([s, d]) => [s, d] as [Status, string]),
  { maxLength: 5 },
);

const ALL: PortfolioFilters = { programme: null, area: null };
const P = "esf-2014-2020-tl5";

function project(history: [Status, string][], fields: Partial<PortfolioProject> = {}): PortfolioProject {
  return {
    programmeId: P,
    actionAreaId: `${P}:youth`,
    leadType: "ngo",
    areaIds: ["east"],
    targetGroupIds: ["young-people"],
    history: history.map(([status, changedOn]) => ({ status, changedOn })),
    ...fields,
  };
}

const spell = (start: string, end?: string): [Status, string][] => [
  ["applied", "2015-01-01"],
  ["running", start],
  ...(end ? [["ended", end] as [Status, string]] : []),
];

describe("phaseOf", () => {
  it.each([
    [null, null],
    ["idea", null],
    ["planning", null],
    ["applied", null],
    ["running", "running"],
    ["ended", "ended"],
    ["embedded", "ended"],
  ] as const)("%s → %s", (status, phase) => expect(phaseOf(status)).toBe(phase));
});

describe("statusOnDay", () => {
  it("on the boundary day the new status holds; the day before, the old one", () => {
    const h = spell("2016-09-01", "2019-01-31").map(([status, changedOn]) => ({ status, changedOn }));
    expect(statusOnDay(h, "2016-08-31")).toBe("applied");
    expect(statusOnDay(h, "2016-09-01")).toBe("running");
    expect(statusOnDay(h, "2019-01-30")).toBe("running");
    expect(statusOnDay(h, "2019-01-31")).toBe("ended");
  });

  it("resolves same-day changes by the lifecycle, whatever their order in the list", () => {
    const a = [
      { status: "ended" as const, changedOn: "2018-05-01" },
      { status: "running" as const, changedOn: "2018-05-01" },
    ];
    expect(statusOnDay(a, "2018-05-01")).toBe("ended");
    expect(statusOnDay([...a].reverse(), "2018-05-01")).toBe("ended");
    expect(statusOnDay([...a].reverse(), "2018-04-30")).toBeNull();
  });

  it("agrees with rules.statusOn whenever no two changes share a day", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ status: fc.constantFrom(...STATUSES), changedOn: dayArb }), {
          selector: (h) => h.changedOn,
          maxLength: 6,
        }),
        dayArb,
        (history, day) => statusOnDay(history, day) === statusOn(history, day),
      ),
    );
  });
});

describe("countAsOf", () => {
  it("counts nothing in an empty registry", () => {
    expect(countAsOf([], "2019-01-31", ALL)).toEqual({
      total: { running: 0, ended: 0 },
      area: [],
      actionArea: [],
      orgType: [],
      targetGroup: [],
    });
  });

  it("counts one running project in each breakdown", () => {
    const c = countAsOf([project(spell("2018-01-01"))], "2019-01-31", ALL);
    expect(c.total).toEqual({ running: 1, ended: 0 });
    expect(c.area).toEqual([{ value: "east", running: 1, ended: 0 }]);
    expect(c.actionArea).toEqual([{ value: `${P}:youth`, running: 1, ended: 0 }]);
    expect(c.orgType).toEqual([{ value: "ngo", running: 1, ended: 0 }]);
    expect(c.targetGroup).toEqual([{ value: "young-people", running: 1, ended: 0 }]);
  });

  it("leaves out projects not yet running on the day: no history, only applied, or starting the next day", () => {
    const c = countAsOf(
      [project([]), project([["applied", "2018-01-01"]]), project(spell("2019-02-01")), project([["idea", "2010-01-01"]])],
      "2019-01-31",
      ALL,
    );
    expect(c.total).toEqual({ running: 0, ended: 0 });
    expect(c.area).toEqual([]);
  });

  it("moves a project from running to ended on its end day, and counts embedded as ended", () => {
    const ends = project(spell("2017-01-01", "2019-01-31"));
    const embedded = project([...spell("2016-01-01", "2018-06-30"), ["embedded", "2018-12-31"]]);
    expect(countAsOf([ends, embedded], "2019-01-30", ALL).total).toEqual({ running: 1, ended: 1 });
    expect(countAsOf([ends, embedded], "2019-01-31", ALL).total).toEqual({ running: 0, ended: 2 });
  });

  it("uses the status on the day, not the current one", () => {
    const c = countAsOf([project(spell("2016-01-01", "2020-12-31"))], "2019-01-31", ALL);
    expect(c.total).toEqual({ running: 1, ended: 0 });
  });

  it("counts a project of several areas once in each area and once in the total", () => {
    const national = project(spell("2018-01-01"), { areaIds: ["central_west", "east", "north", "south"] });
    const twoAreas = project(spell("2018-01-01", "2018-12-31"), { areaIds: ["east", "north"] });
    const c = countAsOf([national, twoAreas], "2019-01-31", ALL);
    expect(c.total).toEqual({ running: 1, ended: 1 });
    expect(c.area).toEqual([
      { value: "central_west", running: 1, ended: 0 },
      { value: "east", running: 1, ended: 1 },
      { value: "north", running: 1, ended: 1 },
      { value: "south", running: 1, ended: 0 },
    ]);
  });

  it("counts a project once per target group, and a repeated id once", () => {
    const c = countAsOf(
      [project(spell("2018-01-01"), { targetGroupIds: ["immigrants", "young-people", "immigrants"], areaIds: ["east", "east"] })],
      "2019-01-31",
      ALL,
    );
    expect(c.targetGroup).toEqual([
      { value: "immigrants", running: 1, ended: 0 },
      { value: "young-people", running: 1, ended: 0 },
    ]);
    expect(c.area).toEqual([{ value: "east", running: 1, ended: 0 }]);
  });

  it("counts missing action area, lead organisation type, areas and target groups as not set (null, last)", () => {
    const c = countAsOf(
      [project(spell("2018-01-01"), { actionAreaId: null, leadType: null, targetGroupIds: [], areaIds: [] }), project(spell("2018-01-01"))],
      "2019-01-31",
      ALL,
    );
    expect(c.actionArea.map((r) => r.value)).toEqual([`${P}:youth`, null]);
    expect(c.orgType).toEqual([
      { value: "ngo", running: 1, ended: 0 },
      { value: null, running: 1, ended: 0 },
    ]);
    expect(c.targetGroup.at(-1)).toEqual({ value: null, running: 1, ended: 0 });
    expect(c.area.at(-1)).toEqual({ value: null, running: 1, ended: 0 });
  });

  it("filters by programme, and by area with the area breakdown showing only that area", () => {
    const national = project(spell("2018-01-01"), { areaIds: ["central_west", "east", "north", "south"] });
    const south = project(spell("2018-01-01"), { areaIds: ["south"] });
    const other = project(spell("2018-01-01"), { programmeId: "esf-plus-2021-2027", areaIds: ["east"] });
    const all = [national, south, other];
    expect(countAsOf(all, "2019-01-31", { programme: P, area: null }).total.running).toBe(2);
    const east = countAsOf(all, "2019-01-31", { programme: null, area: "east" });
    expect(east.total.running).toBe(2);
    expect(east.area).toEqual([{ value: "east", running: 2, ended: 0 }]);
    expect(countAsOf(all, "2019-01-31", { programme: P, area: "east" }).total.running).toBe(1);
    expect(countAsOf(all, "2019-01-31", { programme: "nope", area: null }).total.running).toBe(0);
  });
});

describe("shareRows", () => {
  const rows: CountRow[] = [
    { value: null, running: 9, ended: 0 },
    { value: "b", running: 2, ended: 1 },
    { value: "a", running: 2, ended: 1 },
    { value: "c", running: 5, ended: 0 },
    { value: "zz-unknown", running: 1, ended: 3 },
  ];
  const total = { running: 10, ended: 4 };

  it("keeps the reference order, unknown values after known ones, not set last", () => {
    expect(shareRows(rows, total, ["c", "b", "a"], false).map((r) => r.value)).toEqual(["c", "b", "a", "zz-unknown", null]);
  });

  it("by count: running, then ended, descending; ties keep the reference order; not set still last", () => {
    expect(shareRows(rows, total, ["c", "b", "a"], true).map((r) => r.value)).toEqual(["c", "b", "a", "zz-unknown", null]);
    expect(shareRows(rows, total, ["a", "b", "c"], true).map((r) => r.value)).toEqual(["c", "a", "b", "zz-unknown", null]);
  });

  it("gives shares of each phase's total (which can sum over 1 for multi-valued breakdowns)", () => {
    const r = shareRows(rows, total, [], false);
    expect(r.find((x) => x.value === "c")).toMatchObject({ runningShare: 0.5, endedShare: 0 });
    expect(r.find((x) => x.value === "zz-unknown")).toMatchObject({ runningShare: 0.1, endedShare: 0.75 });
    expect(r.reduce((s, x) => s + (x.runningShare ?? 0), 0)).toBeCloseTo(1.9, 12);
  });

  it("has no share when nothing is in the phase", () => {
    const r = shareRows([{ value: "a", running: 0, ended: 2 }], { running: 0, ended: 2 }, ["a"], false);
    expect(r[0]).toMatchObject({ runningShare: null, endedShare: 1 });
  });

  it("is empty for no rows", () => expect(shareRows([], { running: 0, ended: 0 }, ["a"], true)).toEqual([]));
});

describe("trendByYear", () => {
  it("is empty without starts or ends", () => {
    expect(trendByYear([], ALL, 2026)).toEqual([]);
    expect(trendByYear([project([["applied", "2018-01-01"]])], ALL, 2026)).toEqual([]);
  });

  it("counts one project's start, the year ends it was running at, and its end", () => {
    expect(trendByYear([project(spell("2016-03-01", "2018-06-30"))], ALL, 2026)).toEqual([
      { year: 2016, runningAtYearEnd: 1, started: 1, ended: 0 },
      { year: 2017, runningAtYearEnd: 1, started: 0, ended: 0 },
      { year: 2018, runningAtYearEnd: 0, started: 0, ended: 1 },
    ]);
  });

  it("does not count a project ending on 31 December as running at that year end", () => {
    expect(trendByYear([project(spell("2017-01-01", "2017-12-31"))], ALL, 2026)).toEqual([
      { year: 2017, runningAtYearEnd: 0, started: 1, ended: 1 },
    ]);
  });

  it("counts a project starting on 31 December as running at that year end", () => {
    expect(trendByYear([project(spell("2017-12-31", "2018-01-01"))], ALL, 2026)[0]).toEqual({
      year: 2017,
      runningAtYearEnd: 1,
      started: 1,
      ended: 0,
    });
  });

  it("keeps a still-running project running up to the last year, and no further", () => {
    const rows = trendByYear([project(spell("2024-05-01"))], ALL, 2026);
    expect(rows.map((r) => [r.year, r.runningAtYearEnd])).toEqual([
      [2024, 1],
      [2025, 1],
      [2026, 1],
    ]);
  });

  it("ignores what happens after the last year, and trims empty years at the end but not in the middle", () => {
    const rows = trendByYear([project(spell("2015-01-01", "2015-06-30")), project(spell("2018-01-01", "2018-02-28"))], ALL, 2020);
    expect(rows.map((r) => r.year)).toEqual([2015, 2016, 2017, 2018]);
    expect(rows[1]).toEqual({ year: 2016, runningAtYearEnd: 0, started: 0, ended: 0 });
    expect(trendByYear([project(spell("2030-01-01"))], ALL, 2026)).toEqual([]);
  });

  it("does not count embedding after the end as a second end, but embedding straight from running is an end", () => {
    const rows = trendByYear(
      [
        project([...spell("2016-01-01", "2017-06-30"), ["embedded", "2018-01-31"]]),
        project([...spell("2016-01-01"), ["embedded", "2018-03-01"]]),
      ],
      ALL,
      2026,
    );
    expect(rows.map((r) => [r.year, r.started, r.ended])).toEqual([
      [2016, 2, 0],
      [2017, 0, 1],
      [2018, 0, 1],
    ]);
  });

  it("counts a project that starts twice in a year once, and a restart in a later year again", () => {
    const rows = trendByYear(
      [
        project([
          ["running", "2016-01-01"],
          ["applied", "2016-02-01"],
          ["running", "2016-03-01"],
          ["ended", "2016-10-31"],
          ["running", "2017-02-01"],
        ]),
      ],
      ALL,
      2017,
    );
    expect(rows).toEqual([
      { year: 2016, runningAtYearEnd: 0, started: 1, ended: 1 },
      { year: 2017, runningAtYearEnd: 1, started: 1, ended: 0 },
    ]);
  });

  it("resolves same-day changes by the lifecycle (applied and running on one day → started)", () => {
    const rows = trendByYear(
      [
        project([
          ["running", "2016-05-01"],
          ["applied", "2016-05-01"],
        ]),
      ],
      ALL,
      2016,
    );
    expect(rows).toEqual([{ year: 2016, runningAtYearEnd: 1, started: 1, ended: 0 }]);
  });

  it("applies the filters", () => {
    const a = project(spell("2016-01-01"), { areaIds: ["east"] });
    const b = project(spell("2017-01-01"), { areaIds: ["south"] });
    expect(trendByYear([a, b], { programme: null, area: "south" }, 2017)).toEqual([
      { year: 2017, runningAtYearEnd: 1, started: 1, ended: 0 },
    ]);
  });

  it("counts at each year end exactly the projects whose status on 31 December was running", () => {
    fc.assert(
      fc.property(fc.array(historyArb, { maxLength: 8 }), (histories) => {
        const projects = histories.map((h) => project(h));
        for (const row of trendByYear(projects, ALL, 2026)) {
          const running = projects.filter((p) => statusOnDay(p.history, `${row.year}-12-31`) === "running").length;
          if (row.runningAtYearEnd !== running) return false;
        }
        return true;
      }),
    );
  });
});

describe("assembleTrend", () => {
  it("starts at the first start or end, even before the first running year end", () => {
    const rows = assembleTrend({ started: new Map([[2016, 2]]), ended: new Map([[2015, 1]]), running: new Map([[2016, 2]]) }, 2017);
    expect(rows.map((r) => r.year)).toEqual([2015, 2016]);
  });
});
