// The choropleth's classes (pure). Fixed breaks around the median area (= 100), so that a colour
// means the same on every map and in every year: five classes of a sequential scale that people
// with colour vision deficiency can read (viridis, light = less deprivation), plus "no value".

export const MAP_BREAKS = [85, 95, 105, 115] as const;
export const MAP_CLASSES = 5;

/** 0 … 4 by the breaks (a value on a break belongs to the class above); null for no value. */
export function mapClass(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  let k = 0;
  while (k < MAP_BREAKS.length && value >= (MAP_BREAKS[k] as number)) k++;
  return k;
}

/** The range of a class as [from, to) with open ends (null). */
export function classRange(k: number): [number | null, number | null] {
  return [k === 0 ? null : (MAP_BREAKS[k - 1] as number), k >= MAP_BREAKS.length ? null : (MAP_BREAKS[k] as number)];
}

/**
 * Need against projects: projects per 10,000 inhabitants divided by the index relative to the
 * median (total / 100). The smaller, the fewer projects for the need; areas without an index or a
 * population come last.
 */
export function coverage(perTenThousand: number | null, total: number | null): number | null {
  if (perTenThousand === null || total === null || !(total > 0)) return null;
  return perTenThousand / (total / 100);
}

export function sortByCoverage<R extends { perTenThousand: number | null; total: number | null; name: string }>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => {
    const ca = coverage(a.perTenThousand, a.total);
    const cb = coverage(b.perTenThousand, b.total);
    if (ca === null || cb === null) return ca === null && cb === null ? a.name.localeCompare(b.name) : ca === null ? 1 : -1;
    return ca - cb || (b.total ?? 0) - (a.total ?? 0) || a.name.localeCompare(b.name);
  });
}
