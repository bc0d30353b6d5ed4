import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { GroupAnalysis, ScoredInput } from "../../src/modules/surveys/analysis.ts";

/** The R reference fixture (src/stats/fixtures) and the comparisons the tests make against it. */
export const dir = new URL("../../src/stats/fixtures/", import.meta.url);
export const expected = JSON.parse(readFileSync(new URL("expected.json", dir), "utf8")) as {
  meta: { group_order: string[] };
  groups: Record<string, Record<string, unknown>>;
};

export function readFixtureResponses(): ScoredInput[] {
  const lines = readFileSync(new URL("responses.csv", dir), "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const [group, code, round, ...items] = line.split(",");
    return {
      group: group as string,
      code: code as string,
      round: round as "pre" | "post",
      answers: items.map((v) => (v === "" ? null : Number(v))),
    };
  });
}

/** |a − b| ≤ 1e-9 · max(1, |b|); p-values relative (max(|b|, tiny)). */
export function close(actual: number | null, want: unknown, relative = false) {
  if (want === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const b = want as number;
  const tolerance = relative ? 1e-9 * Math.abs(b) : 1e-9 * Math.max(1, Math.abs(b));
  expect(Math.abs((actual as number) - b), `${actual} vs ${b}`).toBeLessThanOrEqual(tolerance);
}

export function compareWithR(a: GroupAnalysis, g: Record<string, unknown>) {
  expect(a.nPreResponses).toBe(g.n_pre_responses);
  expect(a.nPostResponses).toBe(g.n_post_responses);
  expect(a.nPreScored).toBe(g.n_pre_scored);
  expect(a.nPostScored).toBe(g.n_post_scored);
  expect(a.n).toBe(g.n_paired);
  close(a.meanPre, g.mean_pre);
  close(a.meanPost, g.mean_post);
  close(a.meanChange, g.mean_change);
  close(a.sdChange, g.sd_change);
  close(a.ciLow, g.ci95_low);
  close(a.ciHigh, g.ci95_high);
  close(a.t, g.t_statistic);
  expect(a.df).toBe(g.t_df);
  close(a.p, g.t_p_two_sided, true);
  expect(a.wilcoxon.V).toBe(g.wilcoxon_V);
  close(a.wilcoxon.p, g.wilcoxon_p, true);
  close(a.wilcoxon.z, g.wilcoxon_z);
  expect(a.wilcoxon.nonZero).toBe(g.wilcoxon_n_nonzero);
  expect(a.wilcoxon.zero).toBe(g.wilcoxon_n_zero);
  expect(a.wilcoxon.tieTerm).toBe(g.wilcoxon_tie_term);
  close(a.wilcoxon.sigma, g.wilcoxon_sigma);
  close(a.dz, g.cohen_dz);
  close(a.alpha, g.cronbach_alpha);
  expect(a.alphaN).toBe(g.alpha_n_complete_pre);
}
