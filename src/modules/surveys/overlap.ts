/**
 * Suppression across overlapping roll-ups (docs/decisions/0012). The same respondents are counted
 * in several published views: a project's own page, the per-project rows of a roll-up, and the
 * pooled figures of its programme, of each coordination area and of its action area. Hiding a
 * small figure in its own view is not enough when it can be worked out from figures shown in other
 * views — the programme's total minus the shown totals of the other areas, an area minus its shown
 * projects, two nested groups' difference.
 *
 * The rule, on one additive figure at a time (paired n; answers of the start round; answers of the
 * follow-up): every project is a cell, every group a published sum of its projects' cells. A
 * figure is shown only if
 *   1. it comes from at least k respondents (or from none: a zero reveals nobody), and
 *   2. no hidden figure can be computed from the shown ones: the shown sums, after taking off their
 *      shown cells, leave linear combinations of hidden cells (a vector space V); no hidden cell and
 *      no hidden group may lie in V, and
 *   3. what they leave is never a single hidden cell or a sum below k: for every shown group, and
 *      for every two nested shown groups, the hidden cells between them hold at least k.
 * When a check fails, the smallest shown group that takes part is hidden (its total, then the lower
 * id), and the checks run again; a project's own figure is hidden only when it is below k itself,
 * so that a project's workers see their own results whatever the neighbouring projects have (the
 * pooled figure waits until enough projects have data). Only when no group takes part is the
 * smallest positive shown cell hidden. Every step hides one more figure, so this ends.
 *
 * Pure: the caller gives the counts and the groups' members.
 */

export interface OverlapGroup {
  id: string;
  members: readonly string[];
}

export interface OverlapResult {
  hiddenCells: Set<string>;
  hiddenGroups: Set<string>;
}

const EPS = 1e-9;

/** Row-reduces vectors one by one; `add` returns false when the vector was already in the span. */
class Span {
  private readonly rows: { pivot: number; v: number[] }[] = [];
  private reduce(v: readonly number[]): number[] {
    const w = [...v];
    for (const { pivot, v: row } of this.rows) {
      const f = w[pivot] as number;
      if (Math.abs(f) < EPS) continue;
      for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - f * (row[i] as number);
    }
    return w;
  }
  contains(v: readonly number[]): boolean {
    return this.reduce(v).every((x) => Math.abs(x) < EPS);
  }
  add(v: readonly number[]): void {
    const w = this.reduce(v);
    const pivot = w.findIndex((x) => Math.abs(x) >= EPS);
    if (pivot < 0) return;
    const p = w[pivot] as number;
    const row = w.map((x) => x / p);
    for (const r of this.rows) {
      const f = r.v[pivot] as number;
      if (Math.abs(f) < EPS) continue;
      for (let i = 0; i < row.length; i++) r.v[i] = (r.v[i] as number) - f * (row[i] as number);
    }
    this.rows.push({ pivot, v: row });
  }
}

export function protectOverlaps(cells: ReadonlyMap<string, number>, groups: readonly OverlapGroup[], k: number): OverlapResult {
  const n = (id: string) => cells.get(id) ?? 0;
  const hiddenCells = new Set<string>([...cells].filter(([, c]) => c > 0 && c < k).map(([id]) => id));
  const total = (g: OverlapGroup) => g.members.reduce((s, m) => s + n(m), 0);
  const hiddenGroups = new Set<string>(groups.filter((g) => total(g) > 0 && total(g) < k).map((g) => g.id));
  const memberSets = new Map(groups.map((g) => [g.id, new Set(g.members)]));

  /** Hides the smallest positive shown cell among `candidates`; false when there is none. */
  const hideSmallest = (candidates: Iterable<string>): boolean => {
    let pick: string | null = null;
    for (const c of candidates) {
      if (hiddenCells.has(c) || n(c) <= 0) continue;
      if (pick === null || n(c) < n(pick) || (n(c) === n(pick) && c < pick)) pick = c;
    }
    if (pick === null) return false;
    hiddenCells.add(pick);
    return true;
  };
  /** Hides the smallest shown group among `candidates` (by its total, then id). */
  const hideGroup = (candidates: readonly OverlapGroup[]): boolean => {
    const shown = candidates.filter((g) => !hiddenGroups.has(g.id));
    shown.sort((a, b) => total(a) - total(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const first = shown[0];
    if (!first) return false;
    hiddenGroups.add(first.id);
    return true;
  };

  const maxSteps = cells.size + groups.length + 1;
  for (let step = 0; step < maxSteps; step++) {
    const shownGroups = groups.filter((g) => !hiddenGroups.has(g.id));
    const residual = new Map(shownGroups.map((g) => [g.id, g.members.filter((m) => hiddenCells.has(m))]));
    const sum = (ids: readonly string[]) => ids.reduce((s, m) => s + n(m), 0);

    // 3a. A shown group leaves one hidden cell, or hidden cells holding fewer than k.
    const thin = shownGroups.find((g) => {
      const r = residual.get(g.id) ?? [];
      return r.length > 0 && (r.length === 1 || sum(r) < k);
    });
    if (thin) {
      if (!hideGroup([thin])) hideSmallest(thin.members);
      continue;
    }
    // 3b. Two nested shown groups leave between them one hidden cell or fewer than k.
    let nested: { outer: OverlapGroup; inner: OverlapGroup } | null = null;
    for (const outer of shownGroups) {
      const outerSet = memberSets.get(outer.id) as Set<string>;
      for (const inner of shownGroups) {
        if (inner === outer || inner.members.length >= outer.members.length) continue;
        if (!inner.members.every((m) => outerSet.has(m))) continue;
        const innerSet = memberSets.get(inner.id) as Set<string>;
        const between = (residual.get(outer.id) ?? []).filter((m) => !innerSet.has(m));
        if (between.length > 0 && (between.length === 1 || sum(between) < k)) nested = { outer, inner };
        if (nested) break;
      }
      if (nested) break;
    }
    if (nested) {
      const innerSet = memberSets.get(nested.inner.id) as Set<string>;
      if (!hideGroup([nested.inner, nested.outer])) hideSmallest(nested.outer.members.filter((m) => !innerSet.has(m)));
      continue;
    }
    // 2. No hidden cell and no hidden group may be a combination of the shown groups' residuals.
    const coords = [...hiddenCells].sort();
    const index = new Map(coords.map((c, i) => [c, i]));
    const vector = (ids: readonly string[]) => {
      const v = new Array<number>(coords.length).fill(0);
      for (const id of ids) {
        const i = index.get(id);
        if (i !== undefined) v[i] = 1;
      }
      return v;
    };
    const span = new Span();
    for (const g of shownGroups) span.add(vector(residual.get(g.id) ?? []));
    const exposedCell = coords.find((c) => span.contains(vector([c])));
    if (exposedCell !== undefined) {
      const involved = shownGroups.filter((g) => (memberSets.get(g.id) as Set<string>).has(exposedCell));
      if (!hideGroup(involved)) hideSmallest(involved.flatMap((g) => g.members));
      continue;
    }
    const exposedGroup = groups.find((g) => {
      if (!hiddenGroups.has(g.id)) return false;
      const r = g.members.filter((m) => hiddenCells.has(m));
      // All its cells shown: its total is their sum.
      return r.length === 0 ? total(g) > 0 : span.contains(vector(r));
    });
    if (exposedGroup) {
      const set = memberSets.get(exposedGroup.id) as Set<string>;
      const involved = shownGroups.filter((g) => g.members.some((m) => set.has(m)));
      if (!hideGroup(involved)) hideSmallest(involved.flatMap((g) => g.members));
      continue;
    }
    break;
  }
  return { hiddenCells, hiddenGroups };
}
