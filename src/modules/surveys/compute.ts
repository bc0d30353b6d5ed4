import { Analysis, analyse, type GroupAnalysis, type ScoredInput } from "./analysis.ts";
import type { Instrument } from "./instrument.ts";

/**
 * The pure part of the survey results: the answers in a compact form (a few typed arrays and one
 * string, cheap to hand to the results worker) and the computation of the figures from them. No
 * database and no I/O here: this module is loaded by results-worker.ts as well.
 */

/** Answer counts of one item in one round: counts[v − min] for each scale step, plus unanswered. */
export interface ItemDistribution {
  itemIndex: number;
  round: "pre" | "post";
  counts: number[];
  unanswered: number;
  n: number;
}

export interface ProjectResults {
  analysis: GroupAnalysis;
  distributions: ItemDistribution[];
}

export interface GroupResults {
  instrument: Instrument | null;
  /** Which follow-up round the start round is compared with: 2 = the first follow-up, 3 = the second … */
  followUp: number;
  pooled: ProjectResults;
  /** Per project (for roll-ups), in the order of the ids given. */
  perProject: { projectId: string; analysis: GroupAnalysis }[];
}

/** No answer to an item (answers are smallints, so this value never occurs as an answer). */
const NO_ANSWER = -0x80000000;

/**
 * The answer rows of a computation: row i belongs to project `projects[project[i]]`, is a start
 * round answer when `post[i]` is 0, has the code `codes.slice(…)` of length `codeLength[i]` (−1 =
 * no code) and the answers `answers[answerStart[i] … answerStart[i + 1])`.
 */
export interface PackedAnswers {
  n: number;
  projects: string[];
  project: Int32Array;
  post: Uint8Array;
  codeLength: Int32Array;
  codes: string;
  answerStart: Int32Array;
  answers: Int32Array;
}

/** Builds `PackedAnswers` one row at a time. */
export class AnswerPacker {
  private readonly projectIndex = new Map<string, number>();
  private readonly projects: string[] = [];
  private readonly project: Int32Array;
  private readonly post: Uint8Array;
  private readonly codeLength: Int32Array;
  private readonly codes: string[] = [];
  private readonly answerStart: Int32Array;
  private answers: Int32Array;
  private n = 0;

  constructor(
    private readonly capacity: number,
    itemsPerRow: number,
  ) {
    this.project = new Int32Array(capacity);
    this.post = new Uint8Array(capacity);
    this.codeLength = new Int32Array(capacity);
    this.answerStart = new Int32Array(capacity + 1);
    this.answers = new Int32Array(Math.max(16, capacity * Math.max(1, itemsPerRow)));
  }

  /** `answers` as PostgreSQL's array_to_string(answers, ',', ''): empty = no answer. */
  add(projectId: string, code: string | null, post: boolean, answers: string): void {
    const i = this.n;
    if (i >= this.capacity) throw new Error("AnswerPacker: more rows than its capacity");
    let p = this.projectIndex.get(projectId);
    if (p === undefined) {
      p = this.projects.length;
      this.projects.push(projectId);
      this.projectIndex.set(projectId, p);
    }
    this.project[i] = p;
    this.post[i] = post ? 1 : 0;
    if (code === null) this.codeLength[i] = -1;
    else {
      this.codeLength[i] = code.length;
      this.codes.push(code);
    }
    let at = this.answerStart[i] as number;
    const parts = answers.split(",");
    if (at + parts.length > this.answers.length) {
      const grown = new Int32Array(Math.max(this.answers.length * 2, at + parts.length));
      grown.set(this.answers);
      this.answers = grown;
    }
    for (const a of parts) this.answers[at++] = a === "" ? NO_ANSWER : Number(a);
    this.answerStart[i + 1] = at;
    this.n++;
  }

  done(): PackedAnswers {
    const n = this.n;
    return {
      n,
      projects: this.projects,
      project: this.project.slice(0, n),
      post: this.post.slice(0, n),
      codeLength: this.codeLength.slice(0, n),
      codes: this.codes.join(""),
      answerStart: this.answerStart.slice(0, n + 1),
      answers: this.answers.slice(0, this.answerStart[n]),
    };
  }
}

/** The buffers of a packed set of answers (to transfer them to the worker instead of copying). */
export function packedBuffers(p: PackedAnswers): ArrayBuffer[] {
  return [p.project, p.post, p.codeLength, p.answerStart, p.answers].map((a) => a.buffer as ArrayBuffer);
}

type Row = ScoredInput & { projectId: string };

function unpack(p: PackedAnswers): Row[] {
  const rows: Row[] = new Array(p.n);
  let codeAt = 0;
  for (let i = 0; i < p.n; i++) {
    const projectId = p.projects[p.project[i] as number] as string;
    const length = p.codeLength[i] as number;
    let code: string | null = null;
    if (length >= 0) {
      code = p.codes.slice(codeAt, codeAt + length);
      codeAt += length;
    }
    const answers: (number | null)[] = [];
    for (let j = p.answerStart[i] as number; j < (p.answerStart[i + 1] as number); j++) {
      const a = p.answers[j] as number;
      answers.push(a === NO_ANSWER ? null : a);
    }
    rows[i] = { projectId, group: projectId, code, round: p.post[i] ? "post" : "pre", answers };
  }
  return rows;
}

/** Called between chunks of the work: on the main thread it lets waiting requests run. */
export type Pause = () => Promise<void> | void;

async function distributions(instrument: Instrument, rows: readonly ScoredInput[], pause: Pause): Promise<ItemDistribution[]> {
  const steps = instrument.scale.max - instrument.scale.min + 1;
  const out: ItemDistribution[] = [];
  for (const round of ["pre", "post"] as const) {
    const inRound = rows.filter((r) => r.round === round);
    for (let itemIndex = 0; itemIndex < instrument.items.length; itemIndex++) {
      await pause();
      const counts = new Array<number>(steps).fill(0);
      let unanswered = 0;
      for (const r of inRound) {
        const a = r.answers[itemIndex];
        if (a === null || a === undefined) unanswered++;
        else counts[a - instrument.scale.min] = (counts[a - instrument.scale.min] ?? 0) + 1;
      }
      out.push({ itemIndex, round, counts, unanswered, n: inRound.length });
    }
  }
  return out;
}

/** The pooled and per-project figures of the packed answers (the CPU-heavy part of a roll-up). */
export async function computeResults(
  packed: PackedAnswers,
  instrument: Instrument | null,
  projectIds: readonly string[],
  followUp: number,
  pause: Pause,
): Promise<GroupResults> {
  const rows = unpack(packed);
  const rule = instrument?.scoring ?? { method: "mean-of-answered" as const, minAnswered: 8 };
  const pooledAnalysis = new Analysis(rule);
  for (let i = 0; i < rows.length; i++) {
    pooledAnalysis.add(rows[i] as ScoredInput);
    if (i % 20_000 === 19_999) await pause();
  }
  await pause();
  const paired = pooledAnalysis.paired();
  await pause();
  const pooled = pooledAnalysis.combine(paired, pooledAnalysis.alpha());
  await pause();
  const byProject = new Map<string, ScoredInput[]>();
  for (const r of rows) {
    const list = byProject.get(r.projectId);
    if (list) list.push(r);
    else byProject.set(r.projectId, [r]);
  }
  const pooledDistributions = instrument ? await distributions(instrument, rows, pause) : [];
  const perProject: GroupResults["perProject"] = [];
  for (const projectId of projectIds) {
    const list = byProject.get(projectId);
    if (!list) continue;
    await pause();
    perProject.push({ projectId, analysis: analyse(rule, list) });
  }
  return { instrument, followUp, pooled: { analysis: pooled, distributions: pooledDistributions }, perProject };
}

/** One computation as the worker receives it. */
export interface ComputeRequest {
  id: number;
  packed: PackedAnswers;
  instrument: Instrument | null;
  projectIds: readonly string[];
  followUp: number;
}

export type ComputeReply = { id: number; ok: true; results: GroupResults } | { id: number; ok: false; error: string };
