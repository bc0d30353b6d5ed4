import { describe, expect, it } from "vitest";
import { classRange, coverage, mapClass, sortByCoverage } from "./map-scale.ts";

describe("mapClass", () => {
  it("puts values into five classes around the median (a value on a break goes up)", () => {
    expect(mapClass(50)).toBe(0);
    expect(mapClass(84.999)).toBe(0);
    expect(mapClass(85)).toBe(1);
    expect(mapClass(100)).toBe(2);
    expect(mapClass(105)).toBe(3);
    expect(mapClass(115)).toBe(4);
    expect(mapClass(400)).toBe(4);
    expect(mapClass(-3)).toBe(0);
  });
  it("has no class for no value", () => {
    expect(mapClass(null)).toBeNull();
    expect(mapClass(undefined)).toBeNull();
    expect(mapClass(Number.NaN)).toBeNull();
  });
  it("describes each class's range with open ends", () => {
    expect(classRange(0)).toEqual([null, 85]);
    expect(classRange(2)).toEqual([95, 105]);
    expect(classRange(4)).toEqual([115, null]);
  });
});

describe("need against projects", () => {
  it("coverage is projects per 10,000 relative to the need", () => {
    expect(coverage(2, 100)).toBe(2);
    expect(coverage(2, 200)).toBe(1);
    expect(coverage(0, 120)).toBe(0);
    expect(coverage(null, 120)).toBeNull();
    expect(coverage(1, null)).toBeNull();
    expect(coverage(1, 0)).toBeNull();
  });
  it("sorts the least covered need first, unknowns last", () => {
    const rows = [
      { name: "A", perTenThousand: 2, total: 100 },
      { name: "B", perTenThousand: 0, total: 90 },
      { name: "C", perTenThousand: 0, total: 130 },
      { name: "D", perTenThousand: null, total: 140 },
      { name: "E", perTenThousand: 1, total: 150 },
    ];
    expect(sortByCoverage(rows).map((r) => r.name)).toEqual(["C", "B", "E", "A", "D"]);
  });
});
