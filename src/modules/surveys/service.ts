import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { type FileProblem, parseCsv } from "../projects/import-csv.ts";
import { generateCodes } from "./codes.ts";
import { ANSWER_IMPORT_LIMITS, answerColumns, checkAnswerRows, type RowReport } from "./import.ts";
import type { Answer } from "./instrument.ts";
import { instrumentById, latestInstrument, type StoredInstrument } from "./instruments.ts";
import { surveyCodeBatches, surveyCodes, surveyResponses, surveyRounds } from "./schema.ts";

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

async function roundFor(db: Executor, projectId: string, today: string) {
  const open = await db
    .select({ id: surveyRounds.id, instrumentId: surveyRounds.instrumentId, closesOn: surveyRounds.closesOn })
    .from(surveyRounds)
    .where(and(eq(surveyRounds.projectId, projectId), lte(surveyRounds.opensOn, today), gte(surveyRounds.closesOn, today)))
    .orderBy(desc(surveyRounds.sequence))
    .limit(1);
  return open[0] ?? null;
}

async function closedReason(db: Executor, projectId: string, today: string): Promise<"closed" | "notYetOpen" | "noOpenRound"> {
  const rounds = await db.select({ opensOn: surveyRounds.opensOn }).from(surveyRounds).where(eq(surveyRounds.projectId, projectId));
  if (rounds.length === 0) return "noOpenRound";
  return rounds.some((r) => r.opensOn > today) ? "notYetOpen" : "closed";
}

/** Finds where a code's answers go today. */
export async function targetForCode(db: Executor, code: string, today: string): Promise<AnswerTarget> {
  const [known] = await db.select({ projectId: surveyCodes.projectId }).from(surveyCodes).where(eq(surveyCodes.code, code));
  if (!known) return { ok: false, reason: "unknownCode" };
  const round = await roundFor(db, known.projectId, today);
  if (!round) return { ok: false, reason: await closedReason(db, known.projectId, today) };
  const [answered] = await db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.roundId, round.id), eq(surveyResponses.code, code)));
  if (answered) return { ok: false, reason: "alreadyAnswered" };
  const instrument = await instrumentById(db, round.instrumentId);
  if (!instrument) throw new Error("round without instrument");
  return { ok: true, projectId: known.projectId, roundId: round.id, code, instrument, closesOn: round.closesOn };
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
    })
    .from(surveyRounds)
    .where(eq(surveyRounds.anonymousToken, token));
  if (!round) return { ok: false, reason: "unknownCode" };
  if (round.opensOn > today) return { ok: false, reason: "notYetOpen" };
  if (round.closesOn < today) return { ok: false, reason: "closed" };
  const instrument = await instrumentById(db, round.instrumentId);
  if (!instrument) throw new Error("round without instrument");
  return { ok: true, projectId: round.projectId, roundId: round.id, code: null, instrument, closesOn: round.closesOn };
}

export interface AnswerInput {
  answers: Answer[];
  background: Record<string, string>;
  withWorker: boolean;
  language: string;
}

/**
 * Stores one answered form with today's date only. Returns false when the code already answered
 * this round (the unique index decides, so two simultaneous sends cannot both count).
 */
export async function storeAnswer(
  db: Db,
  target: { roundId: string; code: string | null },
  input: AnswerInput,
  today: string,
  source: "web" | "import" = "web",
): Promise<boolean> {
  const inserted = await db
    .insert(surveyResponses)
    .values({
      roundId: target.roundId,
      code: target.code,
      answeredOn: today,
      source,
      withWorker: input.withWorker,
      language: input.language,
      answers: input.answers,
      background: input.background,
    })
    .onConflictDoNothing()
    .returning({ id: surveyResponses.id });
  return inserted.length > 0;
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
