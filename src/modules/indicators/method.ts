// The deprivation index method ("Huono-osaisuus Suomessa", DOMAIN.md §5), as pure functions.
// Nothing here reads the database; service.ts feeds these functions and stores what they return.
// docs/decisions/0014-deprivation-index.md explains the choices (median of an even count, windows).

export type Dimension = "human" | "social" | "economic";
export const DIMENSIONS: readonly Dimension[] = ["human", "social", "economic"];

/** Whether a number takes part in a computation: finite (not NaN, not ±Infinity). */
function usable(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * The median *area's* value of a level: the values sorted ascending; with an odd count the middle
 * one, with an even count the LOWER of the two middle ones (so that some real area is exactly 100,
 * as the shipped data shows at the wellbeing services county level). Null for no values.
 */
export function medianValue(values: readonly (number | null | undefined)[]): number | null {
  const sorted = values.filter(usable).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.floor((sorted.length - 1) / 2)] as number;
}

/**
 * Median-relative scaling within one level: value / median × 100, so the median area is 100 and
 * higher means more deprivation. When the median is not positive the scale means nothing (a
 * negative or zero reference): every area is then null.
 */
export function scaleToMedian(values: ReadonlyMap<string, number>): Map<string, number | null> {
  const median = medianValue([...values.values()]);
  const out = new Map<string, number | null>();
  for (const [code, value] of values) {
    out.set(code, median === null || median <= 0 || !usable(value) ? null : (value / median) * 100);
  }
  return out;
}

/** Unweighted arithmetic mean of the usable values; null when there are none. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (usable(v)) {
      sum += v;
      n += 1;
    }
  }
  return n === 0 ? null : sum / n;
}

/** How many years of a 3-year window must have a value for its mean to count. */
export const MIN_YEARS_IN_WINDOW = 2;

/**
 * The value of one area for the window ending in `year`: for most indicators the mean of the
 * values of `year - 2 … year` (at least MIN_YEARS_IN_WINDOW of them); for survey-based indicators
 * the latest value in that window.
 */
export function windowValue(byYear: ReadonlyMap<number, number>, year: number, survey: boolean): number | null {
  if (survey) {
    for (let y = year; y >= year - 2; y--) {
      const v = byYear.get(y);
      if (usable(v)) return v;
    }
    return null;
  }
  // The same sum, in the same order, as mean() of the present values (no arrays: this runs for
  // every area, indicator and year of a recompute).
  let sum = 0;
  let n = 0;
  for (let y = year - 2; y <= year; y++) {
    const v = byYear.get(y);
    if (usable(v)) {
      sum += v;
      n += 1;
    }
  }
  return n >= MIN_YEARS_IN_WINDOW ? sum / n : null;
}

export interface ScaledIndicator {
  id: string;
  dimension: Dimension;
  /** Median-relative values by area code (an area without a value is simply absent or null). */
  values: ReadonlyMap<string, number | null>;
}

export interface AreaScores {
  human: number | null;
  social: number | null;
  economic: number | null;
  /** The mean of the three dimensions; null unless all three exist. */
  total: number | null;
  /** How many sub-indicators each dimension's mean rests on. */
  counts: Record<Dimension, number>;
}

/**
 * Each dimension is the unweighted mean of the scaled sub-indicators the area has; the total is the
 * mean of the three dimensions (only when the area has all three).
 */
export function areaScores(indicators: readonly ScaledIndicator[], areaCodes: Iterable<string>): Map<string, AreaScores> {
  const out = new Map<string, AreaScores>();
  for (const code of areaCodes) {
    const byDimension: Record<Dimension, number[]> = { human: [], social: [], economic: [] };
    for (const indicator of indicators) {
      const v = indicator.values.get(code);
      if (usable(v)) byDimension[indicator.dimension].push(v);
    }
    const human = mean(byDimension.human);
    const social = mean(byDimension.social);
    const economic = mean(byDimension.economic);
    const total = human !== null && social !== null && economic !== null ? (human + social + economic) / 3 : null;
    out.set(code, {
      human,
      social,
      economic,
      total,
      counts: { human: byDimension.human.length, social: byDimension.social.length, economic: byDimension.economic.length },
    });
  }
  return out;
}

/** The least number of municipalities a wellbeing services county needs for its Gini coefficient. */
export const GINI_MIN_AREAS = 5;

/**
 * The Gini coefficient of non-negative values: the mean absolute difference over all ordered pairs
 * divided by twice the mean, G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ) (0 = equal, → 1 = concentrated).
 * Null with fewer than GINI_MIN_AREAS values, a negative value or a zero mean.
 */
export function gini(values: readonly (number | null | undefined)[], minCount = GINI_MIN_AREAS): number | null {
  const xs = values.filter(usable).sort((a, b) => a - b);
  const n = xs.length;
  if (n < minCount || n === 0) return null;
  if (xs[0] !== undefined && xs[0] < 0) return null;
  const total = xs.reduce((s, x) => s + x, 0);
  if (total <= 0) return null;
  // Sorted form: Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n + 1) xᵢ for i = 0 … n−1.
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (2 * i - n + 1) * (xs[i] as number);
  return weighted / (n * total);
}

/**
 * A published value and Sokra's own, compared. The source rounds every value to 6 decimals, so a
 * published composite is within 5e-7 of the true one and a mean of rounded sub-indicators is too:
 * the two may differ by at most 1e-6 (plus floating-point noise).
 */
export const REPRODUCTION_TOLERANCE = 1e-6 + 1e-12;

export function reproduces(published: number, computed: number | null): boolean {
  return computed !== null && Math.abs(published - computed) <= REPRODUCTION_TOLERANCE;
}
