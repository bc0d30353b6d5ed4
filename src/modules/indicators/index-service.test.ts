import { describe, expect, it } from "vitest";
import { computeIndexRows, eligibleForIndex } from "./index-service.ts";
import type { Level } from "./schema.ts";

const v = (indicatorId: string, regionCode: string, year: number, value: number, level: Level = "maakunta") => ({
  indicatorId,
  level,
  regionCode,
  year,
  value,
});
const find = (rows: ReturnType<typeof computeIndexRows>, regionCode: string, year: number, component: string) =>
  rows.find((r) => r.regionCode === regionCode && r.year === year && r.component === component)?.value;

describe("computeIndexRows: raw data through the full method", () => {
  const members = [
    { id: "h", kind: "raw" as const, dimension: "human" as const, survey: false },
    { id: "s", kind: "raw" as const, dimension: "social" as const, survey: true },
    { id: "e", kind: "raw" as const, dimension: "economic" as const, survey: false },
  ];
  const values = [
    // human: 3-year means for 2020 are a 2, b 4, c 8 → scaled 50, 100, 200
    ...[2018, 2019, 2020].flatMap((y) => [v("h", "a", y, 2), v("h", "b", y, 4), v("h", "c", y, 8)]),
    // social (survey): the latest value counts: a 10, b 20, c 40 in 2019; nothing in 2020
    v("s", "a", 2019, 10),
    v("s", "b", 2019, 20),
    v("s", "c", 2019, 40),
    v("s", "a", 2017, 999),
    // economic: a 1 and 3 (mean 2), b 2, c missing → median of {2, 2} is 2
    v("e", "a", 2019, 1),
    v("e", "a", 2020, 3),
    v("e", "b", 2019, 2),
    v("e", "b", 2020, 2),
  ];
  const rows = computeIndexRows(members, values, new Map());

  it("scales each indicator to its level's median area after the 3-year window", () => {
    expect(find(rows, "a", 2020, "human")).toBe(50);
    expect(find(rows, "b", 2020, "human")).toBe(100);
    expect(find(rows, "c", 2020, "human")).toBe(200);
  });
  it("takes the latest survey value within the window", () => {
    expect(find(rows, "a", 2020, "social")).toBe(50);
    expect(find(rows, "c", 2020, "social")).toBe(200);
  });
  it("gives a total only to areas with all three dimensions", () => {
    expect(find(rows, "a", 2020, "economic")).toBe(100);
    expect(find(rows, "a", 2020, "total")).toBeCloseTo((50 + 50 + 100) / 3, 12);
    expect(find(rows, "c", 2020, "total")).toBeUndefined();
  });
  it("has no value for a year without enough data", () => {
    expect(find(rows, "a", 2018, "human")).toBeUndefined();
  });
});

describe("computeIndexRows: relative data and the Gini coefficient", () => {
  const members = ["human", "social", "economic"].map((d) => ({
    id: d,
    kind: "relative" as const,
    dimension: d as "human",
    survey: false,
  }));
  const municipalities = ["001", "002", "003", "004", "005", "006"];
  const values = municipalities.flatMap((code, i) => members.map((m) => v(m.id, code, 2019, 100 + i * 10, "kunta")));
  it("uses relative values as they are and computes Gini per county with at least five municipalities", () => {
    const countyOf = new Map([...municipalities.slice(0, 5).map((c) => [c, "A"] as const), ["006", "B"]]);
    const rows = computeIndexRows(members, values, countyOf);
    expect(find(rows, "003", 2019, "total")).toBe(120);
    // A: 100, 110, 120, 130, 140 → Σ|xi−xj| = 400, 2 n² μ = 2 · 25 · 120
    expect(find(rows, "A", 2019, "gini")).toBeCloseTo(400 / 6000, 12);
    expect(find(rows, "B", 2019, "gini")).toBeUndefined();
  });
});

describe("eligibleForIndex", () => {
  it("takes deprivation sub-indicators where higher is worse only", () => {
    expect(eligibleForIndex({ kind: "relative", dimension: "human", direction: "higher_worse" })).toBe(true);
    expect(eligibleForIndex({ kind: "raw", dimension: "economic", direction: "higher_worse" })).toBe(true);
    expect(eligibleForIndex({ kind: "published", dimension: "human", direction: "higher_worse" })).toBe(false);
    expect(eligibleForIndex({ kind: "raw", dimension: "inclusion", direction: "higher_better" })).toBe(false);
    expect(eligibleForIndex({ kind: "raw", dimension: "human", direction: "higher_better" })).toBe(false);
    expect(eligibleForIndex({ kind: "raw", dimension: "context", direction: "higher_worse" })).toBe(false);
  });
});
