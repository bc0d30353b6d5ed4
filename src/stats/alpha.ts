import { variance } from "./descriptive.ts";

/**
 * Cronbach's alpha of complete cases (every row answers every item): k/(k − 1) · (1 − Σ var(item) /
 * var(total)) with n − 1 variances. All items are kept even when one has zero variance (unlike
 * psych::alpha). Null for fewer than two rows, fewer than two items, or a constant total.
 */
export function cronbachAlpha(rows: readonly (readonly number[])[]): number | null {
  if (rows.length < 2) return null;
  const k = rows[0]?.length ?? 0;
  if (k < 2 || rows.some((r) => r.length !== k)) return null;
  let itemVariances = 0;
  for (let j = 0; j < k; j++) itemVariances += variance(rows.map((r) => r[j] as number));
  const totalVariance = variance(rows.map((r) => r.reduce((s, x) => s + x, 0)));
  if (!(totalVariance > 0)) return null;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}
