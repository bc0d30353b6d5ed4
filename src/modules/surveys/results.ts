import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { effectiveK, suppressCells } from "../../stats/suppression.ts";
import { analyse, type GroupAnalysis, type ScoredInput } from "./analysis.ts";
import type { Instrument } from "./instrument.ts";
import { surveyInstruments, surveyResponses, surveyRounds } from "./schema.ts";

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

interface Loaded {
  rows: (ScoredInput & { projectId: string })[];
  instrument: Instrument | null;
}

/**
 * The answers of the start round (pre) and the first follow-up (post) of the given projects. The
 * scoring rule is that of the rounds' instrument (the newest one among them when they differ).
 */
async function loadAnswers(db: Executor, projectIds: readonly string[]): Promise<Loaded> {
  if (projectIds.length === 0) return { rows: [], instrument: null };
  const rows = await db
    .select({
      projectId: surveyRounds.projectId,
      sequence: surveyRounds.sequence,
      code: surveyResponses.code,
      answers: surveyResponses.answers,
      instrumentVersion: surveyInstruments.version,
      definition: surveyInstruments.definition,
    })
    .from(surveyResponses)
    .innerJoin(surveyRounds, eq(surveyRounds.id, surveyResponses.roundId))
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyRounds.instrumentId))
    .where(inArray(surveyRounds.projectId, [...projectIds]));
  let instrument: Instrument | null = null;
  const out: Loaded["rows"] = [];
  for (const r of rows) {
    if (r.sequence > 2) continue;
    if (!instrument || r.definition.version > instrument.version) instrument = r.definition;
    out.push({ projectId: r.projectId, group: r.projectId, code: r.code, round: r.sequence === 1 ? "pre" : "post", answers: r.answers });
  }
  return { rows: out, instrument };
}

function distributions(instrument: Instrument, rows: readonly ScoredInput[]): ItemDistribution[] {
  const steps = instrument.scale.max - instrument.scale.min + 1;
  const out: ItemDistribution[] = [];
  for (const round of ["pre", "post"] as const) {
    const inRound = rows.filter((r) => r.round === round);
    instrument.items.forEach((_, itemIndex) => {
      const counts = new Array<number>(steps).fill(0);
      let unanswered = 0;
      for (const r of inRound) {
        const a = r.answers[itemIndex];
        if (a === null || a === undefined) unanswered++;
        else counts[a - instrument.scale.min] = (counts[a - instrument.scale.min] ?? 0) + 1;
      }
      out.push({ itemIndex, round, counts, unanswered, n: inRound.length });
    });
  }
  return out;
}

export interface GroupResults {
  instrument: Instrument | null;
  pooled: ProjectResults;
  /** Per project (for roll-ups), in the order of the ids given. */
  perProject: { projectId: string; analysis: GroupAnalysis }[];
}

/** Results of one project or of several pooled (an area, an action area, a programme). */
export async function groupResults(db: Executor, projectIds: readonly string[]): Promise<GroupResults> {
  const { rows, instrument } = await loadAnswers(db, projectIds);
  const rule = instrument?.scoring ?? { method: "mean-of-answered" as const, minAnswered: 8 };
  const pooled = analyse(rule, rows);
  const byProject = new Map<string, ScoredInput[]>();
  for (const r of rows) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r]);
  return {
    instrument,
    pooled: { analysis: pooled, distributions: instrument ? distributions(instrument, rows) : [] },
    perProject: projectIds
      .filter((id) => byProject.has(id))
      .map((projectId) => ({ projectId, analysis: analyse(rule, byProject.get(projectId) ?? []) })),
  };
}

/** Which figures a view may show, decided once for the whole page (docs/decisions: survey privacy). */
export interface Visibility {
  k: number;
  /** Paired figures (means, change, tests, effect size, rose/stayed/fell): paired n ≥ k. */
  paired: boolean;
  /** Rose / stayed / fell each shown only when it and its complement are safe. */
  direction: [boolean, boolean, boolean];
  alpha: boolean;
  /** Start and follow-up response counts (each round's figure needs k respondents). */
  preCount: boolean;
  postCount: boolean;
  /** Per item distribution: whether each cell is shown (the row's total is n of the round). */
  distribution: Map<string, boolean[]>;
  /** Per project in a roll-up: whether its row is shown (complementary suppression over the projects). */
  projects: Map<string, boolean>;
}

export function visibility(results: GroupResults, configuredK: number): Visibility {
  const k = effectiveK(configuredK);
  const a = results.pooled.analysis;
  const paired = a.n >= k;
  const dirHidden = paired ? suppressCells([a.rose, a.stayed, a.fell], k) : [true, true, true];
  const distribution = new Map<string, boolean[]>();
  for (const d of results.pooled.distributions) {
    const hidden = d.n >= k ? suppressCells([...d.counts, d.unanswered], k) : new Array(d.counts.length + 1).fill(true);
    distribution.set(
      `${d.round}:${d.itemIndex}`,
      hidden.map((h) => !h),
    );
  }
  const projectHidden = suppressCells(
    results.perProject.map((p) => p.analysis.n),
    k,
  );
  return {
    k,
    paired,
    direction: dirHidden.map((h) => !h) as [boolean, boolean, boolean],
    alpha: a.alphaN >= k,
    preCount: a.nPreResponses >= k,
    postCount: a.nPostResponses >= k,
    distribution,
    projects: new Map(results.perProject.map((p, i) => [p.projectId, !projectHidden[i]])),
  };
}

/** One row of the researcher's item-level dataset. */
export interface DatasetRow {
  projectCode: string;
  respondent: string | null;
  round: number;
  source: string;
  withWorker: boolean;
  answers: (number | null)[];
  background: Record<string, string>;
}

/**
 * The item-level answers of the given projects for a researcher. Respondent codes are replaced by
 * identifiers drawn at random for this export only (the same code gets the same identifier within
 * the export, so rounds still pair; two exports cannot be linked). No dates.
 */
export async function itemLevelDataset(
  db: Executor,
  projects: readonly { id: string; code: string }[],
  randomId: () => string,
): Promise<DatasetRow[]> {
  if (projects.length === 0) return [];
  const rows = await db
    .select({
      projectId: surveyRounds.projectId,
      sequence: surveyRounds.sequence,
      code: surveyResponses.code,
      source: surveyResponses.source,
      withWorker: surveyResponses.withWorker,
      answers: surveyResponses.answers,
      background: surveyResponses.background,
    })
    .from(surveyResponses)
    .innerJoin(surveyRounds, eq(surveyRounds.id, surveyResponses.roundId))
    .where(
      inArray(
        surveyRounds.projectId,
        projects.map((p) => p.id),
      ),
    );
  const codeOf = new Map(projects.map((p) => [p.id, p.code]));
  const pseudonyms = new Map<string, string>();
  const out = rows.map((r) => {
    let respondent: string | null = null;
    if (r.code) {
      const key = `${r.projectId}\u0000${r.code}`;
      respondent = pseudonyms.get(key) ?? randomId();
      pseudonyms.set(key, respondent);
    }
    return {
      projectCode: codeOf.get(r.projectId) ?? "",
      respondent,
      round: r.sequence,
      source: r.source,
      withWorker: r.withWorker,
      answers: r.answers,
      background: r.background,
    };
  });
  // Sorted by the random identifiers: the order in which answers came in does not show either.
  return out.sort((a, b) =>
    a.projectCode === b.projectCode
      ? (a.respondent ?? "").localeCompare(b.respondent ?? "") || a.round - b.round
      : a.projectCode.localeCompare(b.projectCode),
  );
}
