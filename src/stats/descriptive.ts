/** Sample mean; NaN for an empty sample. */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  const m = sum / xs.length;
  // A second pass removes the rounding of the first sum (as R's mean does).
  let correction = 0;
  for (const x of xs) correction += x - m;
  return m + correction / xs.length;
}

/** Sample variance with the n − 1 denominator (two-pass); NaN for fewer than two values. */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / (xs.length - 1);
}
