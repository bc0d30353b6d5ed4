import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_K, effectiveK, MIN_K, suppressCells } from "./suppression.ts";

describe("k", () => {
  it("defaults to 5", () => {
    expect(effectiveK(undefined)).toBe(DEFAULT_K);
    expect(effectiveK(null)).toBe(5);
    expect(effectiveK(Number.NaN)).toBe(5);
  });
  it("is never below 3", () => {
    expect(effectiveK(0)).toBe(MIN_K);
    expect(effectiveK(2)).toBe(3);
    expect(effectiveK(-10)).toBe(3);
    expect(effectiveK(3)).toBe(3);
    expect(effectiveK(10)).toBe(10);
    expect(effectiveK(4.9)).toBe(4);
  });
});

describe("suppressCells", () => {
  it("no cells", () => expect(suppressCells([], 5)).toEqual([]));
  it("all large: nothing hidden", () => expect(suppressCells([5, 9, 12], 5)).toEqual([false, false, false]));
  it("a total below k hides everything", () => expect(suppressCells([2, 1, 1], 5)).toEqual([true, true, true]));
  it("one small cell hides the smallest other as its complement", () =>
    expect(suppressCells([20, 3, 9, 7], 5)).toEqual([false, true, false, true]));
  it("two small cells that together reach k need no complement", () => expect(suppressCells([20, 3, 4], 5)).toEqual([false, true, true]));
  it("two small cells below k together take one more", () =>
    expect(suppressCells([20, 1, 2, 6, 30], 5)).toEqual([false, true, true, true, false]));
  it("zeros stay visible and are not chosen as the complement", () =>
    expect(suppressCells([0, 10, 2, 0, 8], 5)).toEqual([false, false, true, false, true]));
  it("exactly k is shown", () => expect(suppressCells([5, 5], 5)).toEqual([false, false]));
  it("k = 3 (the minimum)", () => expect(suppressCells([2, 3, 10], 3)).toEqual([true, true, false]));
  it("a configured k below 3 acts as 3", () => expect(suppressCells([2, 10, 10], 1)).toEqual([true, true, false]));
  it("no small cell: zeros are shown", () => expect(suppressCells([0, 7, 0], 5)).toEqual([false, false, false]));
  it("a small cell with only zeros beside it is a small total: all hidden", () =>
    expect(suppressCells([4, 0, 0], 5)).toEqual([true, true, true]));
  it("a single positive small cell and the rest zero", () => expect(suppressCells([3, 0, 6], 5)).toEqual([true, false, true]));
  it("projects of a roll-up: a small one takes the next smallest along", () =>
    expect(suppressCells([12, 4, 30], 5)).toEqual([true, true, false]));
  it("never leaves a hidden cell recoverable by subtraction, never hides a cell ≥ k without need", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 12 }), fc.integer({ min: -2, max: 12 }), (cells, k) => {
        const kk = effectiveK(k);
        const hidden = suppressCells(cells, k);
        expect(hidden).toHaveLength(cells.length);
        const total = cells.reduce((s, c) => s + c, 0);
        if (total < kk) {
          expect(hidden.every(Boolean)).toBe(true);
          return;
        }
        // Every small positive cell is hidden.
        cells.forEach((c, i) => {
          if (c > 0 && c < kk) expect(hidden[i]).toBe(true);
        });
        const hiddenIdx = hidden.flatMap((h, i) => (h ? [i] : []));
        if (hiddenIdx.length > 0) {
          expect(hiddenIdx.length).toBeGreaterThanOrEqual(2);
          expect(hiddenIdx.reduce((s, i) => s + (cells[i] as number), 0)).toBeGreaterThanOrEqual(kk);
        }
      }),
    );
  });
});
