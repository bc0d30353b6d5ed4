import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areaScores, gini, mean, medianValue, REPRODUCTION_TOLERANCE, reproduces, scaleToMedian, windowValue } from "./method.ts";

describe("medianValue", () => {
  it("is null for no values and ignores missing ones", () => {
    expect(medianValue([])).toBeNull();
    expect(medianValue([null, undefined, Number.NaN])).toBeNull();
    expect(medianValue([null, 4, undefined])).toBe(4);
  });
  it("takes the middle value of an odd count", () => {
    expect(medianValue([3])).toBe(3);
    expect(medianValue([9, 1, 5])).toBe(5);
    expect(medianValue([5, 1, 4, 2, 3])).toBe(3);
  });
  it("takes the lower of the two middle values of an even count (a real area is the reference)", () => {
    expect(medianValue([1, 2])).toBe(1);
    expect(medianValue([4, 1, 3, 2])).toBe(2);
    expect(medianValue([10, 10, 20, 20])).toBe(10);
  });
  it("sorts numerically, not as text", () => {
    expect(medianValue([100, 9, 20])).toBe(20);
  });
  it("is always one of the values (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }), (xs) => {
        const m = medianValue(xs);
        expect(xs).toContain(m);
        const below = xs.filter((x) => x < (m as number)).length;
        const atOrBelow = xs.filter((x) => x <= (m as number)).length;
        expect(below).toBeLessThanOrEqual(Math.floor((xs.length - 1) / 2));
        expect(atOrBelow).toBeGreaterThanOrEqual(Math.floor((xs.length - 1) / 2) + 1);
      }),
    );
  });
});

describe("scaleToMedian", () => {
  it("makes the median area 100 (odd count)", () => {
    const out = scaleToMedian(
      new Map([
        ["a", 2],
        ["b", 4],
        ["c", 8],
      ]),
    );
    expect(out.get("a")).toBe(50);
    expect(out.get("b")).toBe(100);
    expect(out.get("c")).toBe(200);
  });
  it("uses the lower-middle area with an even count", () => {
    const out = scaleToMedian(
      new Map([
        ["a", 2],
        ["b", 4],
        ["c", 8],
        ["d", 16],
      ]),
    );
    expect(out.get("b")).toBe(100);
    expect(out.get("c")).toBe(200);
  });
  it("gives null everywhere when the median is zero or negative", () => {
    expect([
      ...scaleToMedian(
        new Map([
          ["a", 0],
          ["b", 0],
          ["c", 5],
        ]),
      ).values(),
    ]).toEqual([null, null, null]);
    expect([
      ...scaleToMedian(
        new Map([
          ["a", -3],
          ["b", -1],
          ["c", 5],
        ]),
      ).values(),
    ]).toEqual([null, null, null]);
  });
  it("keeps zero values (0 % of the median) and an empty level", () => {
    expect(
      scaleToMedian(
        new Map([
          ["a", 0],
          ["b", 5],
          ["c", 10],
        ]),
      ).get("a"),
    ).toBe(0);
    expect(scaleToMedian(new Map()).size).toBe(0);
  });
  it("is invariant to the unit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        (xs, k) => {
          const a = scaleToMedian(new Map(xs.map((x, i) => [String(i), x])));
          const b = scaleToMedian(new Map(xs.map((x, i) => [String(i), x * k])));
          for (const [code, v] of a)
            expect(Math.abs((b.get(code) as number) - (v as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v as number)));
          expect([...a.values()]).toContain(100);
        },
      ),
    );
  });
});

describe("mean", () => {
  it("ignores missing values and is null for none", () => {
    expect(mean([])).toBeNull();
    expect(mean([null, undefined])).toBeNull();
    expect(mean([1, null, 3])).toBe(2);
    expect(mean([Number.POSITIVE_INFINITY, 4])).toBe(4);
  });
});

describe("windowValue (3-year means, latest value for surveys)", () => {
  const years = new Map([
    [2016, 10],
    [2017, 20],
    [2018, 60],
  ]);
  it("averages the window ending in the year", () => {
    expect(windowValue(years, 2018, false)).toBe(30);
    expect(windowValue(years, 2019, false)).toBe(40); // 2017, 2018 (2019 missing)
  });
  it("needs at least two years of the window", () => {
    expect(windowValue(years, 2020, false)).toBeNull(); // only 2018
    expect(windowValue(years, 2016, false)).toBeNull(); // only 2016
    expect(windowValue(new Map(), 2018, false)).toBeNull();
  });
  it("takes the latest value in the window for survey-based indicators", () => {
    expect(windowValue(years, 2018, true)).toBe(60);
    expect(windowValue(years, 2020, true)).toBe(60);
    expect(windowValue(years, 2021, true)).toBeNull();
    expect(windowValue(new Map([[2017, 5]]), 2018, true)).toBe(5);
  });
});

describe("areaScores", () => {
  const ind = (id: string, dimension: "human" | "social" | "economic", values: [string, number | null][]) => ({
    id,
    dimension,
    values: new Map(values),
  });
  it("averages each dimension over the indicators an area has, and the total over the three dimensions", () => {
    const scores = areaScores(
      [
        ind("h1", "human", [
          ["a", 90],
          ["b", 120],
        ]),
        ind("h2", "human", [["a", 110]]),
        ind("s1", "social", [
          ["a", 100],
          ["b", 80],
        ]),
        ind("e1", "economic", [
          ["a", 130],
          ["b", null],
        ]),
      ],
      ["a", "b", "c"],
    );
    expect(scores.get("a")).toEqual({ human: 100, social: 100, economic: 130, total: 110, counts: { human: 2, social: 1, economic: 1 } });
    expect(scores.get("b")).toMatchObject({ human: 120, social: 80, economic: null, total: null });
    expect(scores.get("c")).toMatchObject({ human: null, social: null, economic: null, total: null });
  });
});

describe("gini", () => {
  it("is 0 for equal values", () => {
    expect(gini([5, 5, 5, 5, 5])).toBe(0);
  });
  it("matches hand-computed cases", () => {
    // 1,2,3,4,5: Σ|xi−xj| over ordered pairs = 40, n² = 25, μ = 3 → 40 / 150
    expect(gini([1, 2, 3, 4, 5])).toBeCloseTo(40 / 150, 15);
    // 0,0,0,0,10: pairs with 10: 8 × 10 = 80; 80 / (2·25·2) = 0.8
    expect(gini([0, 0, 0, 0, 10])).toBeCloseTo(0.8, 15);
    // 100,100,100,100,200: 8 × 100 = 800; 800 / (2·25·120) = 2/15
    expect(gini([200, 100, 100, 100, 100])).toBeCloseTo(2 / 15, 15);
  });
  it("needs at least five values, non-negative, with a positive mean", () => {
    expect(gini([1, 2, 3, 4])).toBeNull();
    expect(gini([1, 2, 3, 4, null, undefined])).toBeNull();
    expect(gini([0, 0, 0, 0, 0])).toBeNull();
    expect(gini([-1, 2, 3, 4, 5])).toBeNull();
    expect(gini([1, 2], 2)).toBeCloseTo(2 / 12, 15);
  });
  it("agrees with the pairwise definition and lies in [0, 1) (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 5, maxLength: 30 }), (xs) => {
        const g = gini(xs);
        const total = xs.reduce((s, x) => s + x, 0);
        if (total === 0) return expect(g).toBeNull();
        let pairs = 0;
        for (const a of xs) for (const b of xs) pairs += Math.abs(a - b);
        const expected = pairs / (2 * xs.length * xs.length * (total / xs.length));
        expect(g).toBeCloseTo(expected, 9);
        expect(g).toBeGreaterThanOrEqual(-1e-12);
        expect(g).toBeLessThan(1);
      }),
    );
  });
});

describe("reproduces", () => {
  it("accepts differences within the source's rounding only", () => {
    expect(reproduces(100, 100.0000009)).toBe(true);
    expect(reproduces(100, 100 + REPRODUCTION_TOLERANCE * 2)).toBe(false);
    expect(reproduces(57.038782, 58.3652376)).toBe(false);
    expect(reproduces(1, null)).toBe(false);
  });
});
