import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OverlapGroup, protectOverlaps } from "./overlap.ts";

const K = 5;
const cells = (o: Record<string, number>) => new Map(Object.entries(o));
const sorted = (s: Set<string>) => [...s].sort();

/**
 * Whether a hidden figure can be computed from the shown ones: brute force over the hidden cells'
 * possible values would be exponential, so this checks the linear algebra independently of the
 * implementation — by rank over the rationals, with exact fractions as bigint pairs.
 */
function derivable(target: readonly string[], shown: readonly (readonly string[])[], hidden: Set<string>): boolean {
  const coords = [...hidden].sort();
  const vec = (ids: readonly string[]) => coords.map((c) => (ids.includes(c) ? 1 : 0));
  const rank = (rows: number[][]) => {
    const m = rows.map((r) => [...r]);
    let rk = 0;
    for (let col = 0; col < coords.length && rk < m.length; col++) {
      const p = m.findIndex((r, i) => i >= rk && Math.abs(r[col] as number) > 1e-9);
      if (p < 0) continue;
      [m[rk], m[p]] = [m[p] as number[], m[rk] as number[]];
      const pr = m[rk] as number[];
      for (let i = 0; i < m.length; i++) {
        if (i === rk) continue;
        const f = (m[i] as number[])[col] as number;
        if (Math.abs(f) > 1e-9) m[i] = (m[i] as number[]).map((x, j) => x - (f * (pr[j] as number)) / (pr[col] as number));
      }
      rk++;
    }
    return rk;
  };
  const base = shown.map(vec);
  const t = vec(target.filter((x) => hidden.has(x)));
  if (t.every((x) => x === 0)) return true;
  return rank([...base, t]) === rank(base);
}

describe("suppression across overlapping roll-ups", () => {
  it("nothing small: nothing hidden", () => {
    const r = protectOverlaps(cells({ a: 10, b: 7, c: 0 }), [{ id: "P", members: ["a", "b", "c"] }], K);
    expect(sorted(r.hiddenCells)).toEqual([]);
    expect(sorted(r.hiddenGroups)).toEqual([]);
  });

  it("exactly one small sibling: the parent's total is hidden (the projects' own figures stay), so the parent minus the shown does not give it", () => {
    const r = protectOverlaps(cells({ a: 2, b: 9, c: 6, z: 0 }), [{ id: "P", members: ["a", "b", "c", "z"] }], K);
    expect(sorted(r.hiddenCells)).toEqual(["a"]);
    expect(sorted(r.hiddenGroups)).toEqual(["P"]);
  });

  it("two small siblings holding k or more together: the parent stays shown", () => {
    const r = protectOverlaps(cells({ a: 2, b: 3, c: 9 }), [{ id: "P", members: ["a", "b", "c"] }], K);
    expect(sorted(r.hiddenCells)).toEqual(["a", "b"]);
    expect(r.hiddenGroups.size).toBe(0);
    const thin = protectOverlaps(cells({ a: 1, b: 2, c: 9 }), [{ id: "P", members: ["a", "b", "c"] }], K);
    expect(sorted(thin.hiddenGroups)).toEqual(["P"]);
  });

  it("ties at k: a cell or a group of exactly k is shown; between equal groups the lower id is hidden", () => {
    const r = protectOverlaps(cells({ a: 5, b: 8 }), [{ id: "P", members: ["a", "b"] }], K);
    expect(r.hiddenCells.size + r.hiddenGroups.size).toBe(0);
    const tie = protectOverlaps(
      cells({ x: 2, y: 7, z: 7 }),
      [
        { id: "G2", members: ["x", "z"] },
        { id: "G1", members: ["x", "y"] },
      ],
      K,
    );
    expect(sorted(tie.hiddenGroups)).toEqual(["G1", "G2"]);
  });

  it("all small: the parent itself is hidden when nothing can protect it; a zero total is shown", () => {
    const r = protectOverlaps(cells({ a: 1, b: 2 }), [{ id: "P", members: ["a", "b"] }], K);
    expect(sorted(r.hiddenCells)).toEqual(["a", "b"]);
    expect(sorted(r.hiddenGroups)).toEqual(["P"]);
    const zero = protectOverlaps(cells({ a: 0, b: 0 }), [{ id: "P", members: ["a", "b"] }], K);
    expect(zero.hiddenCells.size + zero.hiddenGroups.size).toBe(0);
  });

  it("the programme minus the shown areas cannot give a small area's total (areas partition the programme)", () => {
    const groups: OverlapGroup[] = [
      { id: "programme", members: ["a1", "a2", "b1", "c1", "c2"] },
      { id: "area:A", members: ["a1", "a2"] },
      { id: "area:B", members: ["b1"] },
      { id: "area:C", members: ["c1", "c2"] },
    ];
    const r = protectOverlaps(cells({ a1: 20, a2: 9, b1: 3, c1: 12, c2: 6 }), groups, K);
    expect(r.hiddenGroups.has("area:B")).toBe(true);
    expect(r.hiddenCells.has("b1")).toBe(true);
    // area B = programme − A − C would be exact if A, C and the programme were all shown with their cells.
    const shown = groups.filter((g) => !r.hiddenGroups.has(g.id)).map((g) => g.members);
    expect(derivable(["b1"], shown, r.hiddenCells)).toBe(false);
  });

  it("a project hidden with different partners in two views is not left exposed (the per-view rule alone would give it)", () => {
    // P = {x, y, z, w}, A = {x, z}: per view, P would hide {x, y} and A {x, z}; z shown in P gives x.
    const groups: OverlapGroup[] = [
      { id: "P", members: ["x", "y", "z", "w"] },
      { id: "A", members: ["x", "z"] },
    ];
    const r = protectOverlaps(cells({ x: 2, y: 6, z: 7, w: 30 }), groups, K);
    const shown = groups.filter((g) => !r.hiddenGroups.has(g.id)).map((g) => g.members);
    for (const c of r.hiddenCells) expect(derivable([c], shown, r.hiddenCells), c).toBe(false);
  });

  it("property: no hidden cell or hidden group is a combination of the shown figures, no shown figure is below k, and shown residuals hold ≥ k", () => {
    const ids = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.subarray(ids, { minLength: 1 }), { minLength: 1, maxLength: 5 }),
        (counts, memberLists) => {
          const c = new Map(ids.map((id, i) => [id, counts[i] as number]));
          const groups = [{ id: "all", members: ids }, ...memberLists.map((m, i) => ({ id: `g${i}`, members: m }))];
          const r = protectOverlaps(c, groups, K);
          const shownGroups = groups.filter((g) => !r.hiddenGroups.has(g.id));
          const shown = shownGroups.map((g) => g.members);
          for (const [id, v] of c) if (!r.hiddenCells.has(id)) expect(v === 0 || v >= K).toBe(true);
          for (const g of shownGroups) {
            const t = g.members.reduce((s, m) => s + (c.get(m) ?? 0), 0);
            expect(t === 0 || t >= K).toBe(true);
            const residual = g.members.filter((m) => r.hiddenCells.has(m));
            const sum = residual.reduce((s, m) => s + (c.get(m) ?? 0), 0);
            expect(residual.length === 0 || (residual.length > 1 && sum >= K)).toBe(true);
          }
          for (const id of r.hiddenCells) expect(derivable([id], shown, r.hiddenCells)).toBe(false);
          for (const g of groups.filter((x) => r.hiddenGroups.has(x.id))) {
            const hiddenPart = g.members.filter((m) => r.hiddenCells.has(m));
            if (hiddenPart.length > 0) expect(derivable(hiddenPart, shown, r.hiddenCells)).toBe(false);
            // A hidden group whose cells are all shown would be their sum: only a zero total may be so.
            else expect(g.members.reduce((s, m) => s + (c.get(m) ?? 0), 0)).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
