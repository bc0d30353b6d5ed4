/**
 * The registry's facets in memory: every project's facet values as small integers in typed arrays,
 * and its place in each sort order. Pure (no I/O): search.ts loads the rows from the database at a
 * registry version and asks this index for the total, the disjunctive facet counts and the order
 * of the projects that match the text. Counting here costs a few CPU cycles per project and facet,
 * where the same counts in SQL cost a read of every matching row (docs/decisions/0010).
 */
import { FACETS, type Facet } from "./search-params.ts";

/** One project as the index needs it (search.ts reads these rows). */
export interface FacetRow {
  id: string;
  /** Facet values: one for the single-valued facets (or none), any number for the others. */
  values: Record<Facet, readonly string[]>;
  /** Places (0-based, unique) in the orders the database defines: see search.ts. */
  rankStart: number;
  rankCode: number;
  rankName: Record<"fi" | "sv" | "en", number>;
}

export type NameLocale = "fi" | "sv" | "en";
export type Order = "start" | "code" | `name-${NameLocale}`;

/**
 * Values of one facet per project, as codes into its dictionary (code 0 is "no value"). A facet
 * with at most one value per project keeps one code per project (`single`); the others keep
 * compressed rows: project p has codes[offsets[p] … offsets[p+1]).
 */
interface FacetColumn {
  dictionary: string[];
  single: Int32Array | null;
  offsets: Int32Array;
  codes: Int32Array;
}

export interface FacetCounts {
  total: number;
  facets: Record<Facet, { value: string; count: number }[]>;
}

export class FacetIndex {
  readonly size: number;
  private readonly slotOfId: Map<string, number>;
  private readonly ids: string[];
  private readonly columns: Record<Facet, FacetColumn>;
  /** For each order, the slots in that order. */
  private readonly orders: Record<Order, Int32Array>;
  private readonly codeRank: Int32Array;

  constructor(rows: readonly FacetRow[]) {
    this.size = rows.length;
    this.ids = rows.map((r) => r.id);
    this.slotOfId = new Map(rows.map((r, slot) => [r.id, slot]));
    this.columns = {} as Record<Facet, FacetColumn>;
    for (const facet of FACETS) this.columns[facet] = buildColumn(rows, facet);
    const byRank = (rank: (r: FacetRow) => number) => {
      const order = new Int32Array(rows.length);
      rows.forEach((r, slot) => {
        order[rank(r)] = slot;
      });
      return order;
    };
    this.orders = {
      start: byRank((r) => r.rankStart),
      code: byRank((r) => r.rankCode),
      "name-fi": byRank((r) => r.rankName.fi),
      "name-sv": byRank((r) => r.rankName.sv),
      "name-en": byRank((r) => r.rankName.en),
    };
    this.codeRank = Int32Array.from(rows, (r) => r.rankCode);
  }

  /** The slots of these project ids (ids the index does not hold are left out). */
  slotsOf(ids: Iterable<string>): Int32Array {
    const slots: number[] = [];
    for (const id of ids) {
      const slot = this.slotOfId.get(id);
      if (slot !== undefined) slots.push(slot);
    }
    return Int32Array.from(slots);
  }

  idOf(slot: number): string {
    return this.ids[slot] as string;
  }

  /**
   * Counts over the candidates (every project when `candidates` is null) under the chosen filters:
   * values within a facet are OR-ed, facets AND-ed; each facet is counted over the candidates that
   * pass every *other* chosen facet (disjunctive faceting), the total over those that pass all.
   * Returns also a mark per slot (1 = passes every filter) for ordering.
   */
  count(candidates: Int32Array | null, chosen: Partial<Record<Facet, readonly string[]>>): FacetCounts & { passing: Uint8Array } {
    const columns = FACETS.map((f) => this.columns[f]);
    const active = FACETS.flatMap((f, i) => ((chosen[f]?.length ?? 0) > 0 ? [i] : []));
    // For each chosen facet, a membership table over its codes (code 0, no value, is never wanted).
    const wanted = active.map((i) => {
      const column = columns[i] as FacetColumn;
      const table = new Uint8Array(column.dictionary.length + 1);
      for (const value of chosen[FACETS[i] as Facet] ?? []) {
        const code = column.dictionary.indexOf(value);
        if (code >= 0) table[code + 1] = 1;
      }
      return { column, table };
    });
    // Column by column (tight loops over typed arrays): first which chosen facets each candidate
    // fails, as bits; then each facet counts the candidates that fail no facet or only this one.
    const n = candidates ? candidates.length : this.size;
    const slots = candidates ?? Int32Array.from({ length: n }, (_, i) => i);
    const fails = new Uint8Array(n);
    wanted.forEach(({ column, table }, k) => {
      const bit = 1 << k;
      if (column.single) {
        const single = column.single;
        for (let i = 0; i < n; i++) if (table[single[slots[i] as number] as number] !== 1) fails[i] = (fails[i] as number) | bit;
      } else {
        for (let i = 0; i < n; i++) if (!hasWanted(column, table, slots[i] as number)) fails[i] = (fails[i] as number) | bit;
      }
    });
    const passing = new Uint8Array(this.size);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (fails[i] === 0) {
        passing[slots[i] as number] = 1;
        total++;
      }
    }
    const tallies = columns.map((column, c) => {
      const k = active.indexOf(c);
      // A facet counts the candidates failing nothing, or only itself when it is chosen.
      const allowed = k >= 0 ? 1 << k : 0;
      const counts = new Int32Array(column.dictionary.length + 1);
      if (column.single) {
        const single = column.single;
        for (let i = 0; i < n; i++) {
          const f = fails[i] as number;
          if (f === 0 || f === allowed) {
            const code = single[slots[i] as number] as number;
            counts[code] = (counts[code] as number) + 1;
          }
        }
      } else {
        const { offsets, codes } = column;
        for (let i = 0; i < n; i++) {
          const f = fails[i] as number;
          if (f === 0 || f === allowed) {
            const slot = slots[i] as number;
            for (let j = offsets[slot] as number; j < (offsets[slot + 1] as number); j++) {
              const code = codes[j] as number;
              counts[code] = (counts[code] as number) + 1;
            }
          }
        }
      }
      return counts;
    });
    const facets = {} as FacetCounts["facets"];
    FACETS.forEach((facet, c) => {
      const dictionary = (columns[c] as FacetColumn).dictionary;
      const counts = tallies[c] as Int32Array;
      facets[facet] = [];
      for (let code = 1; code <= dictionary.length; code++) {
        if ((counts[code] as number) > 0) facets[facet].push({ value: dictionary[code - 1] as string, count: counts[code] as number });
      }
    });
    return { total, facets, passing };
  }

  /** The passing slots in `order`, from `offset`, at most `limit` of them. */
  ordered(passing: Uint8Array, order: Order, offset: number, limit: number): Int32Array {
    return pick(this.orders[order], passing, offset, limit);
  }

  /** The place of a slot in code order: the tie-breaker after relevance. */
  codeRankOf(slot: number): number {
    return this.codeRank[slot] as number;
  }
}

/** The passing slots of `slots` (in their order), from `offset`, at most `limit` of them. */
export function pick(slots: Int32Array, passing: Uint8Array, offset: number, limit: number): Int32Array {
  const out: number[] = [];
  let skipped = 0;
  for (let i = 0; i < slots.length && out.length < limit; i++) {
    const slot = slots[i] as number;
    if (!passing[slot]) continue;
    if (skipped < offset) skipped++;
    else out.push(slot);
  }
  return Int32Array.from(out);
}

function hasWanted(column: FacetColumn, table: Uint8Array, slot: number): boolean {
  if (column.single) return table[column.single[slot] as number] === 1;
  for (let j = column.offsets[slot] as number; j < (column.offsets[slot + 1] as number); j++) {
    if (table[column.codes[j] as number]) return true;
  }
  return false;
}

function buildColumn(rows: readonly FacetRow[], facet: Facet): FacetColumn {
  const dictionary: string[] = [];
  const known = new Map<string, number>();
  const offsets = new Int32Array(rows.length + 1);
  const codes: number[] = [];
  rows.forEach((row, slot) => {
    // A value counts once per project, however many times the row lists it.
    const values = row.values[facet];
    for (const value of values.length > 1 ? new Set(values) : values) {
      let code = known.get(value);
      if (code === undefined) {
        dictionary.push(value);
        code = dictionary.length;
        known.set(value, code);
      }
      codes.push(code);
    }
    offsets[slot + 1] = codes.length;
  });
  const single = rows.every((_, slot) => (offsets[slot + 1] as number) - (offsets[slot] as number) <= 1)
    ? Int32Array.from(rows, (_, slot) => (offsets[slot + 1] === offsets[slot] ? 0 : (codes[offsets[slot] as number] as number)))
    : null;
  return { dictionary, single, offsets, codes: Int32Array.from(codes) };
}
