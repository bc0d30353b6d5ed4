import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FacetIndex, type FacetRow } from "./facet-index.ts";
import { FACETS, type Facet } from "./search-params.ts";

const none = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as Record<Facet, string[]>;

/** Rows with ranks in the given order (their position) for every order. */
function rows(items: { id: string; values: Partial<Record<Facet, string[]>> }[]): FacetRow[] {
  return items.map((item, i) => ({
    id: item.id,
    values: { ...none, ...item.values },
    rankStart: i,
    rankCode: i,
    rankName: { fi: items.length - 1 - i, sv: i, en: i },
  }));
}

const counts = (r: ReturnType<FacetIndex["count"]>, facet: Facet) => Object.fromEntries(r.facets[facet].map((v) => [v.value, v.count]));

describe("FacetIndex", () => {
  it("counts nothing in an empty registry", () => {
    const index = new FacetIndex([]);
    const r = index.count(null, {});
    expect(r.total).toBe(0);
    for (const f of FACETS) expect(r.facets[f]).toEqual([]);
    expect(index.ordered(r.passing, "start", 0, 20)).toEqual(new Int32Array());
  });

  it("counts one project in each of its values", () => {
    const index = new FacetIndex(rows([{ id: "a", values: { status: ["running"], area: ["east", "north"] } }]));
    const r = index.count(null, {});
    expect(r.total).toBe(1);
    expect(counts(r, "status")).toEqual({ running: 1 });
    expect(counts(r, "area")).toEqual({ east: 1, north: 1 });
    expect(r.facets.funder).toEqual([]);
  });

  it("counts a value listed twice for one project once", () => {
    const index = new FacetIndex(rows([{ id: "a", values: { maakunta: ["12", "12", "19"] } }]));
    expect(counts(index.count(null, {}), "maakunta")).toEqual({ "12": 1, "19": 1 });
  });

  const registry = new FacetIndex(
    rows([
      { id: "a", values: { status: ["running"], area: ["east"], targetGroup: ["young"] } },
      { id: "b", values: { status: ["ended"], area: ["east", "north"], targetGroup: ["young", "immigrants"] } },
      { id: "c", values: { status: ["running"], area: ["south"] } },
      { id: "d", values: { status: ["idea"], area: ["north"], targetGroup: ["immigrants"] } },
    ]),
  );

  it("ORs values within a facet and ANDs facets", () => {
    const r = registry.count(null, { area: ["east", "north"], status: ["running", "idea"] });
    expect(r.total).toBe(2); // a (east, running), d (north, idea)
    expect(registry.ordered(r.passing, "code", 0, 20)).toEqual(Int32Array.from([0, 3]));
  });

  it("counts each facet over the projects passing every other chosen facet (disjunctive)", () => {
    const r = registry.count(null, { status: ["running"], area: ["east"] });
    expect(r.total).toBe(1);
    // Status counted over area=east: a (running) and b (ended).
    expect(counts(r, "status")).toEqual({ running: 1, ended: 1 });
    // Area counted over status=running: a (east) and c (south).
    expect(counts(r, "area")).toEqual({ east: 1, south: 1 });
    // Unchosen facets over the projects passing all: a only.
    expect(counts(r, "targetGroup")).toEqual({ young: 1 });
  });

  it("counts nowhere a project that fails two chosen facets", () => {
    const r = registry.count(null, { status: ["ended"], targetGroup: ["immigrants"], area: ["south"] });
    expect(r.total).toBe(0);
    // b passes status and target group, fails area → counted only in area.
    expect(counts(r, "area")).toEqual({ east: 1, north: 1 });
    // d fails status and area → nowhere; c fails target group and status → nowhere.
    expect(counts(r, "status")).toEqual({});
    expect(counts(r, "targetGroup")).toEqual({});
  });

  it("treats a chosen value that no project has as a filter nothing passes", () => {
    const r = registry.count(null, { area: ["atlantis"] });
    expect(r.total).toBe(0);
    expect(counts(r, "area")).toEqual({ east: 2, north: 2, south: 1 });
  });

  it("a project without a value in a chosen facet fails it", () => {
    const r = registry.count(null, { targetGroup: ["young", "immigrants"] });
    expect(r.total).toBe(3); // c has no target group
  });

  it("counts only the candidates, and ignores ids it does not hold", () => {
    const candidates = registry.slotsOf(["b", "d", "unknown"]);
    expect(candidates).toEqual(Int32Array.from([1, 3]));
    const r = registry.count(candidates, {});
    expect(r.total).toBe(2);
    expect(counts(r, "status")).toEqual({ ended: 1, idea: 1 });
    expect(registry.count(new Int32Array(), {}).total).toBe(0);
  });

  it("orders the passing projects and pages through them", () => {
    const r = registry.count(null, {});
    expect(registry.ordered(r.passing, "start", 0, 20)).toEqual(Int32Array.from([0, 1, 2, 3]));
    expect(registry.ordered(r.passing, "name-fi", 0, 20)).toEqual(Int32Array.from([3, 2, 1, 0]));
    expect(registry.ordered(r.passing, "start", 1, 2)).toEqual(Int32Array.from([1, 2]));
    expect(registry.ordered(r.passing, "start", 4, 2)).toEqual(new Int32Array());
    expect(registry.ordered(r.passing, "start", 0, 0)).toEqual(new Int32Array());
    expect(registry.idOf(3)).toBe("d");
    expect(registry.codeRankOf(2)).toBe(2);
  });

  it("agrees with counting by hand on random registries and filters (fast-check)", () => {
    const value = fc.constantFrom("x", "y", "z");
    const row = fc.record(
      Object.fromEntries(FACETS.map((f) => [f, fc.array(value, { maxLength: 3 })])) as Record<Facet, fc.Arbitrary<string[]>>,
    );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.record(Object.fromEntries(FACETS.map((f) => [f, fc.array(fc.constantFrom("x", "y", "z", "w"), { maxLength: 2 })]))),
        fc.option(fc.array(fc.nat(11), { maxLength: 12 })),
        (values, chosen: Partial<Record<Facet, string[]>>, picked) => {
          const items = values.map((v, i) => ({ id: `p${i}`, values: v }));
          const index = new FacetIndex(rows(items));
          const candidates = picked ? [...new Set(picked.filter((i) => i < items.length))] : null;
          const r = index.count(candidates ? Int32Array.from(candidates) : null, chosen);
          const pool = candidates ? candidates.map((i) => items[i] as (typeof items)[number]) : items;
          const passes = (item: (typeof items)[number], f: Facet) =>
            !chosen[f]?.length || item.values[f].some((v) => chosen[f]?.includes(v));
          expect(r.total).toBe(pool.filter((item) => FACETS.every((f) => passes(item, f))).length);
          for (const facet of FACETS) {
            const expected: Record<string, number> = {};
            for (const item of pool) {
              if (!FACETS.every((f) => f === facet || passes(item, f))) continue;
              for (const v of new Set(item.values[facet])) expected[v] = (expected[v] ?? 0) + 1;
            }
            expect(counts(r, facet)).toEqual(expected);
          }
        },
      ),
    );
  });
});
