/**
 * Small-cell suppression for published figures. A figure computed from fewer than k respondents is
 * hidden; k is set by an administrator and is never below 3 (`effectiveK`). Complementary
 * suppression: when the total of a set of cells is published, the hidden cells must not be
 * recoverable by subtraction — so one hidden cell alone is never allowed, and the hidden cells
 * together must also hold at least k respondents; otherwise the smallest visible cells are hidden
 * too, one by one. The same rule serves the projects of a roll-up (cells = their pair counts).
 */

export const MIN_K = 3;
export const DEFAULT_K = 5;

/** The k in force: a configured value, never below 3 (a missing or broken value gives the default 5). */
export function effectiveK(configured: number | null | undefined): number {
  if (configured === null || configured === undefined || !Number.isFinite(configured)) return DEFAULT_K;
  return Math.max(MIN_K, Math.floor(configured));
}

/**
 * Which cells of a set whose total is published must be hidden. `cells` are respondent counts (a
 * count of 0 reveals nothing about anyone and stays visible unless needed as a complement of last
 * resort). When the total itself is below k, every cell is hidden (and the caller hides the total).
 */
export function suppressCells(cells: readonly number[], k: number): boolean[] {
  const kk = effectiveK(k);
  const total = cells.reduce((s, c) => s + c, 0);
  if (total < kk) return cells.map(() => true);
  const hidden = cells.map((c) => c > 0 && c < kk);
  const hiddenCount = () => hidden.filter(Boolean).length;
  const hiddenSum = () => cells.reduce((s, c, i) => s + (hidden[i] ? c : 0), 0);
  while (hiddenCount() > 0 && (hiddenCount() === 1 || hiddenSum() < kk)) {
    // The smallest visible positive cell first; zero cells only when nothing else is left.
    let pick = -1;
    for (let i = 0; i < cells.length; i++) {
      if (hidden[i]) continue;
      if (pick < 0) {
        pick = i;
        continue;
      }
      const a = cells[i] as number;
      const b = cells[pick] as number;
      if (a > 0 && (b === 0 || a < b)) pick = i;
    }
    if (pick < 0) break;
    hidden[pick] = true;
  }
  // If the hidden cells still cannot be protected, hide them all (nothing recoverable remains).
  if (hiddenCount() > 0 && (hiddenCount() === 1 || hiddenSum() < kk)) return cells.map(() => true);
  return hidden;
}
