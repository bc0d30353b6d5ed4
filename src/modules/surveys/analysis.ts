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
  const a = new Analysis(rule);
  for (const row of rows) a.add(row);
  return a.result();
}

/** `analyse` one row at a time, so that a long computation can let other work run in between. */
export class Analysis {
  private readonly pre = new Map<string, number>();
  private readonly post = new Map<string, number>();
  private nPreResponses = 0;
  private nPostResponses = 0;
  private nPreScored = 0;
  private nPostScored = 0;
  private readonly complete: number[][] = [];
  constructor(private readonly rule: ScoringRule) {}

  add(row: ScoredInput): void {
    const s = score(this.rule, row.answers);
    if (row.round === "pre") {
      this.nPreResponses++;
      if (row.answers.every((a) => a !== null)) this.complete.push(row.answers as number[]);
      if (s !== null) this.nPreScored++;
    } else {
      this.nPostResponses++;
      if (s !== null) this.nPostScored++;
    }
    if (s !== null && row.code !== null) (row.round === "pre" ? this.pre : this.post).set(`${row.group}\u0000${row.code}`, s);
  }

  result(): GroupAnalysis {
    return this.combine(this.paired(), this.alpha());
  }

  /** The paired figures (the first half of `result`). */
  paired(): PairedSummary {
    const pairs: { pre: number; post: number }[] = [];
    for (const [key, before] of this.pre) {
      const after = this.post.get(key);
      if (after !== undefined) pairs.push({ pre: before, post: after });
    }
    return pairedSummary(pairs);
  }

  /** Cronbach's alpha (the second half of `result`). */
  alpha(): number | null {
    return cronbachAlpha(this.complete);
  }

  combine(paired: PairedSummary, alpha: number | null): GroupAnalysis {
    return {
      nPreResponses: this.nPreResponses,
      nPostResponses: this.nPostResponses,
      nPreScored: this.nPreScored,
      nPostScored: this.nPostScored,
      ...paired,
      alpha,
      alphaN: this.complete.length,
    };
  }
}
