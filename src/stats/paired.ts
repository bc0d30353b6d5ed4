import { mean, variance } from "./descriptive.ts";
import { normalTwoSided, studentQuantile, studentTwoSided } from "./distributions.ts";

/** A number, or null where the statistic is undefined (R gives NA, NaN or an error). */
export type Maybe = number | null;

function defined(x: number): Maybe {
  return Number.isFinite(x) ? x : null;
}

export interface PairedTTest {
  meanChange: Maybe;
  sdChange: Maybe;
  ciLow: Maybe;
  ciHigh: Maybe;
  t: Maybe;
  df: Maybe;
  p: Maybe;
}

/**
 * Paired t-test of d = post − pre with a two-sided 95 % (or `level`) confidence interval for the
 * mean change, as R's `t.test(post, pre, paired = TRUE)`: fewer than two pairs, or data that are
 * essentially constant, give nulls; all-zero changes keep df but have no t, p or interval.
 */
export function pairedTTest(changes: readonly number[], level = 0.95): PairedTTest {
  const n = changes.length;
  const m = mean(changes);
  const none = { ciLow: null, ciHigh: null, t: null, p: null };
  if (n < 2) return { meanChange: defined(m), sdChange: null, df: null, ...none };
  const sd = Math.sqrt(variance(changes));
  const stderr = sd / Math.sqrt(n);
  const df = n - 1;
  // R stops with "data are essentially constant" here (all changes equal and non-zero).
  if (stderr < 10 * Number.EPSILON * Math.abs(m)) return { meanChange: m, sdChange: sd, df: null, ...none };
  const t = m / stderr;
  if (!Number.isFinite(t)) return { meanChange: m, sdChange: sd, df, ...none };
  const half = studentQuantile(1 - (1 - level) / 2, df) * stderr;
  return { meanChange: m, sdChange: sd, ciLow: m - half, ciHigh: m + half, t, df, p: studentTwoSided(t, df) };
}

/** Cohen's d_z: mean change / standard deviation of the changes; null when either is undefined or sd is 0. */
export function cohenDz(changes: readonly number[]): Maybe {
  if (changes.length < 2) return null;
  const sd = Math.sqrt(variance(changes));
  if (sd === 0) return null;
  return defined(mean(changes) / sd);
}

export interface Wilcoxon {
  /** Sum of the ranks of the positive changes. */
  V: Maybe;
  p: Maybe;
  z: Maybe;
  nonZero: number;
  zero: number;
  /** Σ(t³ − t) over groups of tied |change|. */
  tieTerm: number;
  sigma: Maybe;
}

/** x rounded to `digits` significant digits (R's `signif`), used only to find ties. */
function significant(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

/**
 * Wilcoxon signed-rank test of paired changes as R's
 * `wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE, digits.rank = 7)`:
 * zero changes are dropped (Wilcoxon's method, not Pratt's); |changes| are ranked after rounding to
 * 7 significant digits so that equal changes tie even where floating-point subtraction made them
 * differ by 1e-16 (distinct changes of k/8, k/9, k/10 scores differ by at least 1/360, and of any
 * instrument up to 50 items by more than 1e-4, which 7 digits never merge); average ranks for
 * ties; tie-corrected variance; normal approximation with continuity correction 0.5 towards zero.
 */
export function wilcoxonSignedRank(changes: readonly number[], digitsRank = 7): Wilcoxon {
  const nonZero = changes.filter((d) => d !== 0);
  const m = nonZero.length;
  const zero = changes.length - m;
  if (changes.length === 0) return { V: null, p: null, z: null, nonZero: 0, zero: 0, tieTerm: 0, sigma: null };
  const keyed = nonZero.map((d) => ({ key: significant(Math.abs(d), digitsRank), positive: d > 0 })).sort((a, b) => a.key - b.key);
  let V = 0;
  let tieTerm = 0;
  for (let i = 0; i < keyed.length; ) {
    let j = i;
    while (j < keyed.length && keyed[j]?.key === keyed[i]?.key) j++;
    const t = j - i;
    const rank = (i + 1 + j) / 2; // the average of ranks i+1 … j
    for (let k = i; k < j; k++) if (keyed[k]?.positive) V += rank;
    tieTerm += t * t * t - t;
    i = j;
  }
  if (m === 0) return { V: 0, p: null, z: null, nonZero: 0, zero, tieTerm: 0, sigma: null };
  const centred = V - (m * (m + 1)) / 4;
  const sigma = Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24 - tieTerm / 48);
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  if (!Number.isFinite(z)) return { V, p: null, z: null, nonZero: m, zero, tieTerm, sigma: defined(sigma) };
  return { V, p: normalTwoSided(z), z, nonZero: m, zero, tieTerm, sigma };
}

export interface PairedSummary extends PairedTTest {
  n: number;
  meanPre: Maybe;
  meanPost: Maybe;
  dz: Maybe;
  wilcoxon: Wilcoxon;
  rose: number;
  stayed: number;
  fell: number;
}

/** Everything the results page shows about a paired sample of scores. */
export function pairedSummary(pairs: readonly { pre: number; post: number }[]): PairedSummary {
  const changes = pairs.map((p) => p.post - p.pre);
  return {
    n: pairs.length,
    meanPre: defined(mean(pairs.map((p) => p.pre))),
    meanPost: defined(mean(pairs.map((p) => p.post))),
    ...pairedTTest(changes),
    dz: cohenDz(changes),
    wilcoxon: wilcoxonSignedRank(changes),
    rose: changes.filter((d) => d > 0).length,
    stayed: changes.filter((d) => d === 0).length,
    fell: changes.filter((d) => d < 0).length,
  };
}
