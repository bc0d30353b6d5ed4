import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { type FileProblem, parseCsv } from "../projects/import-csv.ts";
import { generateCodes } from "./codes.ts";
import { ANSWER_IMPORT_LIMITS, answerColumns, checkAnswerRows, type RowReport } from "./import.ts";
import type { Answer } from "./instrument.ts";
import { instrumentById, latestInstrument, type StoredInstrument } from "./instruments.ts";
import { surveyCodeBatches, surveyCodes, surveyInstruments, surveyResponses, surveyRounds } from "./schema.ts";

export interface RoundRow {
  id: string;
  sequence: number;
  opensOn: string;
  closesOn: string;
  anonymousToken: string | null;
  instrumentId: string;
  responses: number;
}

/** A project's rounds in order, with the number of answers each has. */
export async function listRounds(db: Executor, projectId: string): Promise<RoundRow[]> {
  const rows = await db
    .select({
      id: surveyRounds.id,
      sequence: surveyRounds.sequence,
      opensOn: surveyRounds.opensOn,
      closesOn: surveyRounds.closesOn,
      anonymousToken: surveyRounds.anonymousToken,
      instrumentId: surveyRounds.instrumentId,
      // Qualified by hand: drizzle writes bare column names in a one-table query, and a bare "id" here would be the answer's.
      responses: sql<number>`(select count(*)::int from survey_responses r where r.round_id = survey_rounds.id)`,
    })
    .from(surveyRounds)
    .where(eq(surveyRounds.projectId, projectId))
    .orderBy(asc(surveyRounds.sequence));
  return rows;
}

/** Opens the project's next round (the first is the start round) with the newest instrument version. */
export async function openRound(
  db: Db,
  actorId: string | null,
  projectId: string,
  input: { opensOn: string; closesOn: string; anonymousLink: boolean },
): Promise<{ id: string; sequence: number }> {
  return db.transaction(async (tx) => {
    const instrument = await latestInstrument(tx);
    if (!instrument) throw new Error("no survey instrument loaded");
    const [last] = await tx
      .select({ sequence: surveyRounds.sequence })
      .from(surveyRounds)
      .where(eq(surveyRounds.projectId, projectId))
      .orderBy(desc(surveyRounds.sequence))
      .limit(1)
      .for("update");
    const sequence = (last?.sequence ?? 0) + 1;
    const [row] = await tx
      .insert(surveyRounds)
      .values({
        projectId,
        instrumentId: instrument.id,
        sequence,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        anonymousToken: input.anonymousLink ? randomBytes(12).toString("base64url") : null,
        createdBy: actorId,
      })
      .returning({ id: surveyRounds.id });
    const id = (row as { id: string }).id;
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.round.open",
      entity: "project",
      entityId: projectId,
      changes: { roundId: id, sequence, opensOn: input.opensOn, closesOn: input.closesOn, anonymousLink: input.anonymousLink },
    });
    return { id, sequence };
  });
}

export type RoundChange = { ok: true } | { ok: false; reason: "notFound" | "notOpen" };

/** Changes the open and close dates of one of the project's rounds (close ≥ open is checked by the input). */
export async function changeRoundDates(
  db: Db,
  actorId: string,
  projectId: string,
  input: { roundId: string; opensOn: string; closesOn: string },
): Promise<RoundChange> {
  return db.transaction(async (tx): Promise<RoundChange> => {
    const [round] = await tx
      .select({ opensOn: surveyRounds.opensOn, closesOn: surveyRounds.closesOn, sequence: surveyRounds.sequence })
      .from(surveyRounds)
      .where(and(eq(surveyRounds.id, input.roundId), eq(surveyRounds.projectId, projectId)))
      .for("update");
    if (!round) return { ok: false, reason: "notFound" };
    await tx.update(surveyRounds).set({ opensOn: input.opensOn, closesOn: input.closesOn }).where(eq(surveyRounds.id, input.roundId));
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.round.dates",
      entity: "project",
      entityId: projectId,
      changes: {
        roundId: input.roundId,
        sequence: round.sequence,
        opensOn: [round.opensOn, input.opensOn],
        closesOn: [round.closesOn, input.closesOn],
      },
    });
    return { ok: true };
  });
}

/** The day before an ISO date. */
function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Closes an open round now: its last day becomes yesterday, so that from this moment on the form
 * says the round is closed. A round that opened only today gets yesterday as its first day too
 * (the dates are whole days and close ≥ open must hold). Only a round open today can be closed.
 */
export async function closeRoundNow(db: Db, actorId: string, projectId: string, roundId: string, today: string): Promise<RoundChange> {
  return db.transaction(async (tx): Promise<RoundChange> => {
    const [round] = await tx
      .select({ opensOn: surveyRounds.opensOn, closesOn: surveyRounds.closesOn, sequence: surveyRounds.sequence })
      .from(surveyRounds)
      .where(and(eq(surveyRounds.id, roundId), eq(surveyRounds.projectId, projectId)))
      .for("update");
    if (!round) return { ok: false, reason: "notFound" };
    if (round.opensOn > today || round.closesOn < today) return { ok: false, reason: "notOpen" };
    const closesOn = dayBefore(today);
    const [opensOn] = [round.opensOn, closesOn].sort() as [string, string];
    await tx.update(surveyRounds).set({ opensOn, closesOn }).where(eq(surveyRounds.id, roundId));
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.round.close",
      entity: "project",
      entityId: projectId,
      changes: { roundId, sequence: round.sequence, opensOn: [round.opensOn, opensOn], closesOn: [round.closesOn, closesOn] },
    });
    return { ok: true };
  });
}

/** Issues a batch of new codes for the project (random, never reused across projects). */
export async function createCodeBatch(db: Db, actorId: string, projectId: string, size: number, today: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(surveyCodeBatches)
      .values({ projectId, size, createdOn: today })
      .returning({ id: surveyCodeBatches.id });
    const batchId = (batch as { id: string }).id;
    let missing = size;
    // 23^7 ≈ 3.4 billion codes: a collision is rare; the conflict clause keeps any one out, then we draw again.
    while (missing > 0) {
      const codes = generateCodes(missing);
      const inserted = await tx
        .insert(surveyCodes)
        .values(codes.map((code) => ({ code, projectId, batchId })))
        .onConflictDoNothing()
        .returning({ code: surveyCodes.code });
      missing -= inserted.length;
    }
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.codes.issue",
      entity: "project",
      entityId: projectId,
      changes: { batchId, size },
    });
    return batchId;
  });
}

export async function listBatches(db: Executor, projectId: string) {
  return db
    .select({ id: surveyCodeBatches.id, size: surveyCodeBatches.size, createdOn: surveyCodeBatches.createdOn })
    .from(surveyCodeBatches)
    .where(eq(surveyCodeBatches.projectId, projectId))
    .orderBy(desc(surveyCodeBatches.createdOn), desc(surveyCodeBatches.id));
}

export async function batchCodes(db: Executor, projectId: string, batchId: string): Promise<string[] | null> {
  const [batch] = await db
    .select({ id: surveyCodeBatches.id })
    .from(surveyCodeBatches)
    .where(and(eq(surveyCodeBatches.id, batchId), eq(surveyCodeBatches.projectId, projectId)));
  if (!batch) return null;
  const rows = await db
    .select({ code: surveyCodes.code })
    .from(surveyCodes)
    .where(eq(surveyCodes.batchId, batchId))
    .orderBy(asc(surveyCodes.code));
  return rows.map((r) => r.code);
}

/** What the answering form needs: the round open today for the code's project, or why there is none. */
export type AnswerTarget =
  | { ok: true; projectId: string; roundId: string; code: string | null; instrument: StoredInstrument; closesOn: string }
  | { ok: false; reason: "unknownCode" | "noOpenRound" | "closed" | "notYetOpen" | "alreadyAnswered" };

/**
 * The instrument definitions already read, by id: a definition changes only when an administrator
 * replaces a version that has no answers yet (`loadInstrument`), which also changes `loaded_at`, so
 * the entry is used only while the row's `loaded_at` is the one read with it.
 */
const definitions = new Map<string, { loadedAt: string; instrument: Promise<StoredInstrument | null> }>();

async function instrumentAsOf(db: Executor, id: string, loadedAt: string): Promise<StoredInstrument> {
  let entry = definitions.get(id);
  if (!entry || entry.loadedAt !== loadedAt) {
    entry = { loadedAt, instrument: instrumentById(db, id) };
    if (definitions.size > 100) definitions.clear();
    definitions.set(id, entry);
    entry.instrument.catch(() => definitions.delete(id));
  }
  const instrument = await entry.instrument;
  if (!instrument) {
    definitions.delete(id);
    throw new Error("round without instrument");
  }
  return instrument;
}

/**
 * Finds where a code's answers go today, in one statement: the code's project, its round open today
 * (the latest when several are), whether the code already answered it, and otherwise why no round
 * is open. The answering form's hottest path (a national wave sends hundreds of thousands).
 */
export async function targetForCode(db: Executor, code: string, today: string): Promise<AnswerTarget> {
  const result = await db.execute(sql`
    select c.project_id as "projectId", r.id as "roundId", r.instrument_id as "instrumentId",
           r.closes_on::text as "closesOn", i.loaded_at::text as "loadedAt",
           r.id is not null and exists (select 1 from survey_responses a where a.round_id = r.id and a.code = c.code) as answered,
           exists (select 1 from survey_rounds f where f.project_id = c.project_id) as "anyRound",
           exists (select 1 from survey_rounds f where f.project_id = c.project_id and f.opens_on > ${today}::date) as "laterRound"
    from survey_codes c
    left join lateral (
      select o.id, o.instrument_id, o.closes_on from survey_rounds o
      where o.project_id = c.project_id and o.opens_on <= ${today}::date and o.closes_on >= ${today}::date
      order by o.sequence desc limit 1
    ) r on true
    left join survey_instruments i on i.id = r.instrument_id
    where c.code = ${code}`);
  const [row] = (
    result as unknown as {
      rows: {
        projectId: string;
        roundId: string | null;
        instrumentId: string | null;
        closesOn: string | null;
        loadedAt: string | null;
        answered: boolean;
        anyRound: boolean;
        laterRound: boolean;
      }[];
    }
  ).rows;
  if (!row) return { ok: false, reason: "unknownCode" };
  if (!row.roundId || !row.instrumentId || !row.closesOn || !row.loadedAt)
    return { ok: false, reason: !row.anyRound ? "noOpenRound" : row.laterRound ? "notYetOpen" : "closed" };
  if (row.answered) return { ok: false, reason: "alreadyAnswered" };
  const instrument = await instrumentAsOf(db, row.instrumentId, row.loadedAt);
  return { ok: true, projectId: row.projectId, roundId: row.roundId, code, instrument, closesOn: row.closesOn };
}

/** Finds the round of an anonymous link, if it is open today. */
export async function targetForAnonymousLink(db: Executor, token: string, today: string): Promise<AnswerTarget> {
  const [round] = await db
    .select({
      id: surveyRounds.id,
      projectId: surveyRounds.projectId,
      instrumentId: surveyRounds.instrumentId,
      opensOn: surveyRounds.opensOn,
      closesOn: surveyRounds.closesOn,
      loadedAt: sql<string>`${surveyInstruments.loadedAt}::text`,
    })
    .from(surveyRounds)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyRounds.instrumentId))
    .where(eq(surveyRounds.anonymousToken, token));
  if (!round) return { ok: false, reason: "unknownCode" };
  if (round.opensOn > today) return { ok: false, reason: "notYetOpen" };
  if (round.closesOn < today) return { ok: false, reason: "closed" };
  const instrument = await instrumentAsOf(db, round.instrumentId, round.loadedAt);
  return { ok: true, projectId: round.projectId, roundId: round.id, code: null, instrument, closesOn: round.closesOn };
}

export interface AnswerInput {
  answers: Answer[];
  background: Record<string, string>;
  withWorker: boolean;
  language: string;
}

interface PendingAnswer {
  row: typeof surveyResponses.$inferInsert;
  resolve: (stored: boolean) => void;
  reject: (err: unknown) => void;
}

/** Answers waiting for the next insert, per database. */
const waitingAnswers = new WeakMap<Db, { pending: PendingAnswer[]; running: boolean }>();
/** At most this many answers share one statement. */
const ANSWER_BATCH_MAX = 200;

/**
 * Stores one answered form with today's date only. Returns false when the code already answered
 * this round (the unique index decides, so two simultaneous sends cannot both count).
 *
 * Answers that arrive while an insert runs join the next one (group commit): one statement and one
 * commit for many answers — under a survey wave the commit, not the work, is what costs. Each
 * answer still gets its own result: a code that answered before, or twice in the same batch, is
 * refused by the index (`on conflict do nothing`; within one statement the first row wins).
 */
export function storeAnswer(
  db: Db,
  target: { roundId: string; code: string | null },
  input: AnswerInput,
  today: string,
  source: "web" | "import" = "web",
): Promise<boolean> {
  const row = {
    roundId: target.roundId,
    code: target.code,
    answeredOn: today,
    source,
    withWorker: input.withWorker,
    language: input.language,
    answers: input.answers,
    background: input.background,
  };
  return new Promise((resolve, reject) => {
    let queue = waitingAnswers.get(db);
    if (!queue) {
      queue = { pending: [], running: false };
      waitingAnswers.set(db, queue);
    }
    queue.pending.push({ row, resolve, reject });
    if (!queue.running) void drainAnswers(db, queue);
  });
}

async function drainAnswers(db: Db, queue: { pending: PendingAnswer[]; running: boolean }) {
  queue.running = true;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, ANSWER_BATCH_MAX);
      try {
        const inserted = await db
          .insert(surveyResponses)
          .values(batch.map((p) => p.row))
          .onConflictDoNothing()
          .returning({ id: surveyResponses.id, roundId: surveyResponses.roundId, code: surveyResponses.code });
        // A coded answer is stored when its (round, code) came back — and only the first of a batch
        // with the same pair; an answer without a code (the open link) is always stored.
        const stored = new Set(inserted.filter((r) => r.code !== null).map((r) => `${r.roundId}\u0000${r.code}`));
        let anonymous = inserted.filter((r) => r.code === null).length;
        for (const p of batch) {
          if (p.row.code === null || p.row.code === undefined) {
            p.resolve(anonymous-- > 0);
            continue;
          }
          const key = `${p.row.roundId}\u0000${p.row.code}`;
          p.resolve(stored.delete(key));
        }
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  } finally {
    queue.running = false;
  }
}

export type ImportOutcome =
  | { ok: true; imported: number }
  | { ok: false; kind: "file"; problem: FileProblem }
  | { ok: false; kind: "rounds" }
  | { ok: false; kind: "rows"; reports: RowReport[]; total: number };

/**
 * Imports an answer file (paper forms typed in, or an earlier tool's export) into the project's
 * start round (pre) and first follow-up (post): all rows or none, in one transaction with its audit
 * entry. Imported answers are marked `source = import` and dated with the import date.
 */
export async function importAnswers(
  db: Db,
  actorId: string,
  project: { id: string; code: string },
  bytes: Uint8Array,
  today: string,
): Promise<ImportOutcome> {
  const rounds = await db
    .select({ id: surveyRounds.id, sequence: surveyRounds.sequence, instrumentId: surveyRounds.instrumentId })
    .from(surveyRounds)
    .where(and(eq(surveyRounds.projectId, project.id), inArray(surveyRounds.sequence, [1, 2])));
  const start = rounds.find((r) => r.sequence === 1);
  const instrument = start ? await instrumentById(db, start.instrumentId) : null;
  if (!start || !instrument) return { ok: false, kind: "rounds" };
  const parsed = parseCsv(bytes, { required: answerColumns(instrument.definition), optional: [], ...ANSWER_IMPORT_LIMITS });
  if (!parsed.ok) return { ok: false, kind: "file", problem: parsed.problem };
  const roundId = { pre: start.id, post: rounds.find((r) => r.sequence === 2)?.id };
  return db.transaction(async (tx): Promise<ImportOutcome> => {
    const existing = await tx
      .select({ roundId: surveyResponses.roundId, code: surveyResponses.code })
      .from(surveyResponses)
      .where(
        inArray(
          surveyResponses.roundId,
          rounds.map((r) => r.id),
        ),
      );
    const answered = new Set(existing.filter((e) => e.code).map((e) => `${e.roundId === start.id ? "pre" : "post"}:${e.code}`));
    const { answers, reports } = checkAnswerRows(instrument.definition, project.code, parsed.csv.rows, answered);
    if (answers.some((a) => a.round === "post") && !roundId.post) return { ok: false, kind: "rounds" };
    if (reports.length > 0) return { ok: false, kind: "rows", reports, total: parsed.csv.rows.length };
    for (let i = 0; i < answers.length; i += 1000) {
      await tx.insert(surveyResponses).values(
        answers.slice(i, i + 1000).map((a) => ({
          roundId: (a.round === "pre" ? roundId.pre : roundId.post) as string,
          code: a.code,
          answeredOn: today,
          source: "import",
          language: "fi",
          answers: a.answers,
        })),
      );
    }
    await recordAudit(tx, {
      actorUserId: actorId,
      action: "survey.answers.import",
      entity: "project",
      entityId: project.id,
      changes: { rows: answers.length },
    });
    return { ok: true, imported: answers.length };
  });
}
