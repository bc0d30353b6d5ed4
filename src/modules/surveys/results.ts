import { eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { effectiveK, suppressCells } from "../../stats/suppression.ts";
import { AnswerPacker, type GroupResults, type PackedAnswers } from "./compute.ts";
import type { Instrument } from "./instrument.ts";
import { type OverlapResult, protectOverlaps } from "./overlap.ts";
import { computeOffThread, yieldToRequests } from "./results-pool.ts";
import { surveyInstruments, surveyResponses, surveyRounds } from "./schema.ts";

export type { GroupResults, ItemDistribution, ProjectResults } from "./compute.ts";

interface Loaded {
  packed: PackedAnswers;
  instrument: Instrument | null;
}

/** The rounds of the given projects that a comparison reads, with what decides their results. */
interface RoundVersion {
  id: string;
  projectId: string;
  sequence: number;
  instrumentId: string;
  loadedAt: string;
  responses: number;
}

/**
 * The version of the data behind a comparison: its rounds, their instruments' load times and their
 * answer counts. Answers are never changed or deleted one by one (only with their round or
 * project, which changes the round list), so within the same rounds the count changes with every
 * new answer: equal versions mean equal answers.
 */
async function roundVersions(db: Executor, projectIds: readonly string[], followUp: number): Promise<RoundVersion[]> {
  if (projectIds.length === 0) return [];
  const result = await db.execute(sql`
    select r.id, r.project_id as "projectId", r.sequence, r.instrument_id as "instrumentId", i.loaded_at::text as "loadedAt",
           (select count(*)::int from survey_responses a where a.round_id = r.id) as responses
    from survey_rounds r join survey_instruments i on i.id = r.instrument_id
    where r.project_id = any(${`{${projectIds.join(",")}}`}::uuid[]) and r.sequence in (1, ${followUp})
    order by r.id`);
  return (result as unknown as { rows: RoundVersion[] }).rows;
}

/**
 * The answers of the start round (pre) and the chosen follow-up (post; the first follow-up by
 * default) of the given projects. The scoring rule is that of the rounds' instrument (the newest
 * one among them when they differ).
 */
async function loadAnswers(db: Executor, rounds: readonly RoundVersion[]): Promise<Loaded> {
  if (rounds.length === 0) return { packed: new AnswerPacker(0, 0).done(), instrument: null };
  const instrumentIds = [...new Set(rounds.map((r) => r.instrumentId))];
  const [rows, instruments] = await Promise.all([
    // The answers as text ("4,5,,3"): node-pg's array parser is three times slower on 250,000 rows.
    db
      .select({
        roundId: surveyResponses.roundId,
        code: surveyResponses.code,
        answers: sql<string>`array_to_string(${surveyResponses.answers}, ',', '')`,
      })
      .from(surveyResponses)
      .where(
        inArray(
          surveyResponses.roundId,
          rounds.map((r) => r.id),
        ),
      ),
    db
      .select({ id: surveyInstruments.id, definition: surveyInstruments.definition })
      .from(surveyInstruments)
      .where(inArray(surveyInstruments.id, instrumentIds)),
  ]);
  let instrument: Instrument | null = null;
  for (const i of instruments) if (!instrument || i.definition.version > instrument.version) instrument = i.definition;
  const roundOf = new Map(rounds.map((r) => [r.id, r]));
  // Packed on this thread in chunks, between which waiting requests run; computed in the worker.
  const out = new AnswerPacker(rows.length, instrument?.items.length ?? 0);
  for (let i = 0; i < rows.length; i++) {
    if (i % 20_000 === 19_999) await yieldToRequests();
    const r = rows[i] as (typeof rows)[number];
    const round = roundOf.get(r.roundId) as RoundVersion;
    out.add(round.projectId, r.code, round.sequence !== 1, r.answers);
  }
  return { packed: out.done(), instrument };
}

/** The highest round sequence among the projects (1 = only a start round): which follow-ups can be compared. */
export async function lastRound(db: Executor, projectIds: readonly string[]): Promise<number> {
  if (projectIds.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${surveyRounds.sequence}), 0)::int` })
    .from(surveyRounds)
    .where(inArray(surveyRounds.projectId, [...projectIds]));
  return row?.n ?? 0;
}

/**
 * Results of one project or of several pooled (an area, an action area, a programme): the start
 * round compared with the chosen follow-up (`followUp` = its round sequence, 2 = the first).
 * Computed from the database on every call; pages read them through `resultSnapshot`.
 */
export async function groupResults(db: Executor, projectIds: readonly string[], followUp = 2): Promise<GroupResults> {
  const rounds = await roundVersions(db, projectIds, followUp);
  const { packed, instrument } = await loadAnswers(db, rounds);
  return await computeOffThread(packed, instrument, projectIds, followUp);
}

/** The programmes with at least one survey answer in their projects (the roll-ups warmed after a start). */
export async function programmesWithAnswers(db: Executor): Promise<string[]> {
  const result = await db.execute(sql`
    select distinct p.programme_id as id from projects p
    where exists (select 1 from survey_rounds r join survey_responses a on a.round_id = r.id where r.project_id = p.id)
    order by 1`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

/** The suppression across overlapping views of one additive figure, for each figure the views publish. */
export interface Protection {
  paired: OverlapResult;
  pre: OverlapResult;
  post: OverlapResult;
}

/** What the suppression across views depends on: all rounds, all answer counts and the registry version. */
async function protectionVersion(db: Executor): Promise<string> {
  const versionResult = await db.execute(sql`
    select (select count(*) || ':' || coalesce(sum(hashtext(id::text || ':' || sequence || ':' || instrument_id::text)), 0) from survey_rounds)
           || ':' || (select count(*) from survey_responses)
           || ':' || coalesce((select version::text from registry_version where id = 1), '') as version`);
  return (versionResult as unknown as { rows: { version: string }[] }).rows[0]?.version ?? "";
}

/**
 * Suppression across every view that publishes survey figures (decision 12, `protectOverlaps`):
 * the cells are all projects with rounds, the groups every programme, coordination area and action
 * area. Computed in SQL from per-project counts.
 */
export async function overlapProtection(db: Executor, followUp: number, k: number): Promise<Protection> {
  return protectFromCounts(await protectionCounts(db, followUp), k);
}

/** The data version of a view: its own rounds and answer counts, and everything its suppression depends on. */
async function dataVersion(db: Executor, projectIds: readonly string[], followUp: number) {
  const [rounds, global] = await Promise.all([roundVersions(db, projectIds, followUp), protectionVersion(db)]);
  const own = rounds.map((r) => `${r.id}:${r.sequence}:${r.instrumentId}:${r.loadedAt}:${r.responses}`).join(";");
  return { rounds, global, version: `${global}#${own}` };
}

/**
 * The figures of a view and the suppression that protects them, computed from one and the same
 * state of the database: one consistent snapshot, never results of one moment with the
 * suppression of another.
 */
export interface Snapshot {
  version: string;
  results: GroupResults;
  protection: Protection;
  /** When the data behind the figures was read. */
  computedAt: Date;
}

interface SnapshotEntry {
  snapshot: Snapshot | null;
  /** The one computation running for this view (single flight). */
  running: Promise<Snapshot> | null;
}

/** The latest snapshot per view (group's projects, follow-up, k). Bounded; the least recently used goes first. */
const snapshots = new Map<string, SnapshotEntry>();
const MAX_SNAPSHOTS = 64;
/** The last suppression computed, per follow-up and k, reused by snapshots of the same data version. */
const protections = new Map<string, { version: string; protection: Protection }>();

async function computeSnapshot(
  db: Executor,
  projectIds: readonly string[],
  followUp: number,
  k: number,
  now: () => Date,
  background: boolean,
): Promise<Snapshot> {
  const computedAt = now();
  const protectionKey = `${followUp}|${k}`;
  // All reads in one repeatable-read transaction: the version, the answers and the counts the
  // suppression is computed from are those of one and the same moment.
  const read = await db.transaction(
    async (tx) => {
      // In the background, PostgreSQL computes on one core, leaving the others to the requests
      // that are served meanwhile (the machine the benchmark runs on has two).
      if (background) await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
      const { rounds, global, version } = await dataVersion(tx, projectIds, followUp);
      const loaded = await loadAnswers(tx, rounds);
      const known = protections.get(protectionKey);
      const reuse = known?.version === global ? known.protection : null;
      return { global, version, loaded, reuse, counts: reuse ? null : await protectionCounts(tx, followUp) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const protection = read.reuse ?? protectFromCounts(read.counts as ProtectionCounts, k);
  protections.set(protectionKey, { version: read.global, protection });
  if (protections.size > 16) protections.delete(protections.keys().next().value as string);
  const results = await computeOffThread(read.loaded.packed, read.loaded.instrument, projectIds, followUp);
  return { version: read.version, results, protection, computedAt };
}

/** A snapshot as a view shows it: `stale` when newer answers exist and are being counted. */
export type SnapshotView = Snapshot & { stale: boolean };

export interface SnapshotOptions {
  now: () => Date;
  /**
   * Stale-while-revalidate: when given and a snapshot of older data exists, that snapshot is
   * returned at once (stale) and one recompute is started through this runner (the app's
   * BackgroundTasks, which logs failures and is awaited at shutdown). Without it the figures are
   * always those of the current data.
   */
  background?: (task: () => Promise<void>) => void;
}

/**
 * The figures and suppression of a view (one project or a group's projects pooled), kept per data
 * version. At most one computation per view runs at a time; a failed one keeps the old snapshot.
 */
export async function resultSnapshot(
  db: Executor,
  projectIds: readonly string[],
  followUp: number,
  k: number,
  opts: SnapshotOptions,
): Promise<SnapshotView> {
  const key = `${followUp}|${k}|${projectIds.join(",")}`;
  const { version } = await dataVersion(db, projectIds, followUp);
  const entry: SnapshotEntry = snapshots.get(key) ?? { snapshot: null, running: null };
  snapshots.delete(key);
  snapshots.set(key, entry);
  while (snapshots.size > MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
  const start = (background = false) => {
    const run: Promise<Snapshot> = computeSnapshot(db, projectIds, followUp, k, opts.now, background)
      .then((s) => {
        entry.snapshot = s;
        return s;
      })
      .finally(() => {
        if (entry.running === run) entry.running = null;
      });
    entry.running = run;
    return run;
  };
  const have = entry.snapshot;
  if (have && have.version === version) return { ...have, stale: false };
  if (have && opts.background) {
    if (!entry.running) {
      const run = start(true);
      opts.background(async () => {
        await run;
      });
    }
    return { ...have, stale: true };
  }
  // Nothing to show yet (or current figures are needed): compute now, joining a computation
  // already running; if that one read older data than this request saw, compute once more.
  const joined = entry.running;
  let s = await (joined ?? start());
  if (joined && s.version !== version) s = await (entry.running ?? start());
  return { ...s, stale: false };
}

interface ProtectionCounts {
  counts: { projectId: string; pre: number; post: number; paired: number }[];
  members: { id: string; programmeId: string; actionAreaId: string | null; areaIds: string[] }[];
}

async function protectionCounts(db: Executor, followUp: number): Promise<ProtectionCounts> {
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
  // Scored as analyse() scores: enough answered items under the rounds' instrument's rule.
  const counts = rows<{ projectId: string; pre: number; post: number; paired: number }>(
    await db.execute(sql`
      with m as (
        select r.id, r.project_id, r.sequence, (i.definition->'scoring'->>'minAnswered')::int as min_answered
        from survey_rounds r join survey_instruments i on i.id = r.instrument_id
        where r.sequence in (1, ${followUp})
      ),
      a as (
        select m.project_id, m.sequence, s.code, cardinality(array_remove(s.answers, null)) >= m.min_answered as scored
        from survey_responses s join m on m.id = s.round_id
      ),
      -- A code answers a round once and a project has one round per sequence: per project and
      -- code at most one start answer and one follow-up answer, paired when both are scored.
      per_code as (
        select project_id, (count(*) filter (where sequence = 1))::int as pre, (count(*) filter (where sequence <> 1))::int as post,
               (code is not null and bool_or(sequence = 1 and scored) and bool_or(sequence <> 1 and scored)) as paired
        from a group by project_id, code
      )
      select project_id as "projectId", sum(pre)::int as pre, sum(post)::int as post, (count(*) filter (where paired))::int as paired
      from per_code group by project_id`),
  );
  const members = rows<{ id: string; programmeId: string; actionAreaId: string | null; areaIds: string[] }>(
    await db.execute(sql`
      select p.id, p.programme_id as "programmeId", p.action_area_id as "actionAreaId",
             coalesce(array_agg(pa.area_id) filter (where pa.area_id is not null), '{}') as "areaIds"
      from projects p left join project_areas pa on pa.project_id = p.id
      where p.id in (select project_id from survey_rounds)
      group by p.id`),
  );
  return { counts, members };
}

function protectFromCounts({ counts, members }: ProtectionCounts, k: number): Protection {
  const groups = new Map<string, string[]>();
  const join = (key: string, id: string) => {
    const list = groups.get(key);
    if (list) list.push(id);
    else groups.set(key, [id]);
  };
  for (const m of members) {
    join(`programme:${m.programmeId}`, m.id);
    if (m.actionAreaId) join(`actionArea:${m.actionAreaId}`, m.id);
    for (const a of m.areaIds) join(`area:${a}`, m.id);
  }
  const groupList = [...groups].map(([id, list]) => ({ id, members: list }));
  const figure = (pick: (c: (typeof counts)[number]) => number) =>
    protectOverlaps(new Map(counts.map((c) => [c.projectId, pick(c)])), groupList, k);
  return { paired: figure((c) => c.paired), pre: figure((c) => c.pre), post: figure((c) => c.post) };
}

/** The view a visibility is decided for: one project's page, or a roll-up of a group. */
export type View = { kind: "project"; id: string } | { kind: "programme" | "area" | "actionArea"; id: string };

function hiddenIn(result: OverlapResult, view: View): boolean {
  return view.kind === "project" ? result.hiddenCells.has(view.id) : result.hiddenGroups.has(`${view.kind}:${view.id}`);
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

export function visibility(results: GroupResults, configuredK: number, across?: { view: View; protection: Protection }): Visibility {
  const k = effectiveK(configuredK);
  const a = results.pooled.analysis;
  // Hidden in this view because another view's figures would give it away (protectOverlaps).
  const overlap = {
    paired: across ? hiddenIn(across.protection.paired, across.view) : false,
    pre: across ? hiddenIn(across.protection.pre, across.view) : false,
    post: across ? hiddenIn(across.protection.post, across.view) : false,
  };
  const paired = a.n >= k && !overlap.paired;
  const dirHidden = paired ? suppressCells([a.rose, a.stayed, a.fell], k) : [true, true, true];
  const distribution = new Map<string, boolean[]>();
  for (const d of results.pooled.distributions) {
    const roundHidden = d.round === "pre" ? overlap.pre : overlap.post;
    const hidden = d.n >= k && !roundHidden ? suppressCells([...d.counts, d.unanswered], k) : new Array(d.counts.length + 1).fill(true);
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
    alpha: a.alphaN >= k && !overlap.pre,
    preCount: a.nPreResponses >= k && !overlap.pre,
    postCount: a.nPostResponses >= k && !overlap.post,
    distribution,
    projects: new Map(
      results.perProject.map((p, i) => [p.projectId, !projectHidden[i] && !across?.protection.paired.hiddenCells.has(p.projectId)]),
    ),
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
