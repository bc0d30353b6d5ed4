import { cronbachAlpha } from "../../stats/alpha.ts";
import { type PairedSummary, pairedSummary } from "../../stats/paired.ts";
import { type Answer, type ScoringRule, score } from "./instrument.ts";

/** One answered form as the analysis sees it: which pairing group, which code, which round kind. */
export interface ScoredInput {
  /** Pairing key besides the code: the project. */
  group: string;
  /** Respondent code; null for an anonymous answer (counts, but never pairs). */
  code: string | null;
  round: "pre" | "post";
  answers: readonly Answer[];
}

export interface GroupAnalysis extends PairedSummary {
  nPreResponses: number;
  nPostResponses: number;
  nPreScored: number;
  nPostScored: number;
  alpha: number | null;
  alphaN: number;
}

/**
 * The results of a group of responses (one project, or several pooled): the paired sample is every
 * (project, code) with a score in both rounds; Cronbach's alpha from the complete start-round forms.
 */
export function analyse(rule: ScoringRule, rows: readonly ScoredInput[]): GroupAnalysis {
  const pre = new Map<string, number>();
  const post = new Map<string, number>();
  let nPreResponses = 0;
  let nPostResponses = 0;
  let nPreScored = 0;
  let nPostScored = 0;
  const complete: number[][] = [];
  for (const row of rows) {
    const s = score(rule, row.answers);
    if (row.round === "pre") {
      nPreResponses++;
      if (row.answers.every((a) => a !== null)) complete.push(row.answers as number[]);
      if (s !== null) nPreScored++;
    } else {
      nPostResponses++;
      if (s !== null) nPostScored++;
    }
    if (s !== null && row.code !== null) (row.round === "pre" ? pre : post).set(`${row.group}\u0000${row.code}`, s);
  }
  const pairs: { pre: number; post: number }[] = [];
  for (const [key, before] of pre) {
    const after = post.get(key);
    if (after !== undefined) pairs.push({ pre: before, post: after });
  }
  return {
    nPreResponses,
    nPostResponses,
    nPreScored,
    nPostScored,
    ...pairedSummary(pairs),
    alpha: cronbachAlpha(complete),
    alphaN: complete.length,
  };
}
