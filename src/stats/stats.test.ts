import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cronbachAlpha } from "./alpha.ts";
import { mean, variance } from "./descriptive.ts";
import { logGamma, normalCdf, normalTwoSided, studentCdf, studentQuantile, studentTwoSided } from "./distributions.ts";
import { cohenDz, pairedSummary, pairedTTest, wilcoxonSignedRank } from "./paired.ts";

function rel(a: number | null, b: number, tol = 1e-12) {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

describe("distributions (values from R 4.x)", () => {
  it("logGamma at known points", () => {
    rel(logGamma(1), 0);
    rel(logGamma(2), 0);
    rel(logGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    rel(logGamma(10), Math.log(362880));
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
  it("normal distribution", () => {
    expect(normalCdf(0)).toBe(0.5);
    rel(normalCdf(-1.96), 0.024997895148220435);
    rel(normalCdf(1.96), 0.9750021048517795);
    // pnorm(-10) = 7.619853024160527e-24, relative
    expect(Math.abs(normalCdf(-10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-9);
    expect(normalTwoSided(0)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalTwoSided(Number.NaN)).toBeNaN();
  });
  it("t distribution", () => {
    expect(studentCdf(0, 5)).toBe(0.5);
    rel(studentCdf(-1, 1), 0.25); // Cauchy
    rel(studentCdf(1, 1), 0.75);
    rel(studentCdf(2, 2), 0.5 + 1 / Math.sqrt(6) / 1); // pt(2, 2) = 1/2 + t / (2·sqrt(2 + t²))
    expect(studentCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(studentCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(studentCdf(1, 0)).toBeNaN();
    expect(studentTwoSided(0, 7)).toBe(1);
    expect(studentTwoSided(Number.NaN, 7)).toBeNaN();
  });
  it("t quantile inverts the distribution function", () => {
    rel(studentQuantile(0.975, 1), 12.706204736174707, 1e-12);
    rel(studentQuantile(0.75, 1), 1, 1e-12);
    rel(studentQuantile(0.975, 2), 4.302652729749464, 1e-12);
    for (const df of [1, 2, 3, 6, 11, 29, 249, 390, 10_000]) rel(studentCdf(studentQuantile(0.975, df), df), 0.975, 1e-14);
    expect(studentQuantile(0.5, 3)).toBeNaN();
    expect(studentQuantile(1, 3)).toBeNaN();
  });
});

describe("descriptive", () => {
  it("empty and one", () => {
    expect(mean([])).toBeNaN();
    expect(mean([2])).toBe(2);
    expect(variance([2])).toBeNaN();
  });
  it("known values", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    rel(variance([1, 2, 3, 4]), 5 / 3);
    expect(variance([3, 3, 3])).toBe(0);
  });
});

describe("paired t-test", () => {
  it("no pairs: everything null", () => {
    expect(pairedTTest([])).toEqual({ meanChange: null, sdChange: null, ciLow: null, ciHigh: null, t: null, df: null, p: null });
  });
  it("one pair: the mean change only", () => {
    expect(pairedTTest([0.3])).toMatchObject({ meanChange: 0.3, sdChange: null, t: null, df: null, p: null });
  });
  it("all changes zero: df kept, no t, p or interval", () => {
    expect(pairedTTest([0, 0, 0])).toEqual({ meanChange: 0, sdChange: 0, ciLow: null, ciHigh: null, t: null, df: 2, p: null });
  });
  it("all changes equal and non-zero: essentially constant, like R's error", () => {
    expect(pairedTTest([0.5, 0.5, 0.5])).toMatchObject({ meanChange: 0.5, sdChange: 0, t: null, df: null, p: null });
  });
  it("two pairs: df 1, the Cauchy quantile", () => {
    // d = (1, 2): mean 1.5, sd √0.5, se 0.5, t = 3, p = 2·pt(−3, 1) = 0.2048327646991335
    const r = pairedTTest([1, 2]);
    rel(r.t, 3);
    rel(r.p, 0.2048327646991335, 1e-12);
    rel(r.ciLow, 1.5 - 12.706204736174707 * 0.5, 1e-12);
    rel(r.ciHigh, 1.5 + 12.706204736174707 * 0.5, 1e-12);
  });
  it("the interval holds the mean and is symmetric", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 3, maxLength: 60 }), (ints) => {
        const d = ints.map((i) => i / 10);
        const r = pairedTTest(d);
        if (r.t === null) return;
        expect(r.ciLow as number).toBeLessThanOrEqual(r.meanChange as number);
        expect(r.ciHigh as number).toBeGreaterThanOrEqual(r.meanChange as number);
        expect(r.p as number).toBeGreaterThanOrEqual(0);
        expect(r.p as number).toBeLessThanOrEqual(1);
      }),
    );
  });
  it("Cohen's dz: undefined for one pair or zero spread", () => {
    expect(cohenDz([1])).toBeNull();
    expect(cohenDz([0, 0])).toBeNull();
    expect(cohenDz([1, 1])).toBeNull();
    rel(cohenDz([1, 2, 3]), 2);
  });
});

describe("Wilcoxon signed-rank (R: exact = FALSE, correct = TRUE)", () => {
  it("no pairs", () => expect(wilcoxonSignedRank([])).toMatchObject({ V: null, p: null, nonZero: 0, zero: 0 }));
  it("one change: V = 1 or 0, σ = 0.5, z = 0, p = 1", () => {
    expect(wilcoxonSignedRank([0.3])).toEqual({ V: 1, p: 1, z: 0, nonZero: 1, zero: 0, tieTerm: 0, sigma: 0.5 });
    expect(wilcoxonSignedRank([-0.3])).toMatchObject({ V: 0, p: 1, z: 0 });
  });
  it("all zero: V = 0, no p", () =>
    expect(wilcoxonSignedRank([0, 0, 0])).toEqual({ V: 0, p: null, z: null, nonZero: 0, zero: 3, tieTerm: 0, sigma: null }));
  it("zeros are dropped before ranking (Wilcoxon, not Pratt)", () => {
    const r = wilcoxonSignedRank([0, 1, 2, -3]);
    expect(r).toMatchObject({ V: 3, nonZero: 3, zero: 1, tieTerm: 0 });
    // wilcox.test(c(0,1,2,-3), exact=FALSE, correct=TRUE)$p.value = 1
    rel(r.p, 1);
  });
  it("equal changes tie even when floating-point subtraction makes them differ", () => {
    const a = 3.3 - 3.2;
    const b = 2.4 - 2.3;
    expect(a).not.toBe(b);
    const r = wilcoxonSignedRank([a, b, 0.5]);
    expect(r.tieTerm).toBe(6);
    expect(r.V).toBe(6);
  });
  it("ties get the average rank and shrink σ", () => {
    // |d| = 1,1,2,2,2 → ranks 1.5,1.5,4,4,4; positives: first 1 and the three 2s → V = 13.5
    const r = wilcoxonSignedRank([1, -1, 2, 2, 2]);
    expect(r.V).toBe(13.5);
    expect(r.tieTerm).toBe(6 + 24);
    rel(r.sigma, Math.sqrt((5 * 6 * 11) / 24 - 30 / 48));
    // wilcox.test(c(1,-1,2,2,2), exact=FALSE) p = 0.1317
    rel(r.z, (13.5 - 7.5 - 0.5) / Math.sqrt((5 * 6 * 11) / 24 - 30 / 48));
  });
  it("V is the sum of positive ranks and lies in [0, m(m+1)/2]", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 80 }), (ints) => {
        const r = wilcoxonSignedRank(ints.map((i) => i / 9));
        if (r.V === null) return;
        const m = r.nonZero;
        expect(r.V).toBeGreaterThanOrEqual(0);
        expect(r.V).toBeLessThanOrEqual((m * (m + 1)) / 2);
        const neg = wilcoxonSignedRank(ints.map((i) => -i / 9));
        if (m > 0) expect((r.V as number) + (neg.V as number)).toBe((m * (m + 1)) / 2);
        if (r.p !== null) {
          expect(r.p).toBeGreaterThan(0);
          expect(r.p).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe("pairedSummary", () => {
  it("counts rose, stayed and fell", () => {
    const s = pairedSummary([
      { pre: 3, post: 4 },
      { pre: 3, post: 3 },
      { pre: 4, post: 2 },
      { pre: 2, post: 2.5 },
    ]);
    expect([s.rose, s.stayed, s.fell, s.n]).toEqual([2, 1, 1, 4]);
    expect(s.meanPre).toBe(3);
  });
  it("empty sample", () => {
    const s = pairedSummary([]);
    expect(s.n).toBe(0);
    expect(s.meanPre).toBeNull();
    expect(s.dz).toBeNull();
  });
});

describe("Cronbach's alpha", () => {
  it("undefined for fewer than two rows or items, ragged rows or a constant total", () => {
    expect(cronbachAlpha([])).toBeNull();
    expect(cronbachAlpha([[1, 2]])).toBeNull();
    expect(cronbachAlpha([[1], [2]])).toBeNull();
    expect(cronbachAlpha([[1, 2], [1]])).toBeNull();
    expect(
      cronbachAlpha([
        [1, 3],
        [2, 2],
      ]),
    ).toBeNull();
  });
  it("perfectly parallel items give 1", () => {
    rel(
      cronbachAlpha([
        [1, 1, 1],
        [2, 2, 2],
        [4, 4, 4],
      ]),
      1,
    );
  });
  it("a known value", () => {
    // items (1,2,3),(2,3,3),(3,3,4): var items 1, 1/3, 1/3; totals 6,8,10 var 4 → 3/2·(1 − (5/3)/4) = 0.875
    rel(
      cronbachAlpha([
        [1, 2, 3],
        [2, 3, 3],
        [3, 3, 4],
      ]),
      0.875,
    );
  });
  it("keeps zero-variance items (unlike psych::alpha)", () => {
    const a = cronbachAlpha([
      [1, 5, 2],
      [2, 5, 3],
      [3, 5, 3],
    ]);
    expect(a).not.toBeNull();
  });
});
