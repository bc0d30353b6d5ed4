import { randomInt, randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "../../db/client.ts";
import { translator } from "../../web/i18n.ts";
import type { Locale } from "../../web/locales.ts";
import { pathTo } from "../../web/paths.ts";
import { recordAudit } from "../audit/audit.ts";
import { auditLog } from "../audit/schema.ts";
import { enqueue } from "../jobs/queue.ts";
import { jobs } from "../jobs/schema.ts";
import { enqueueMail, MAIL_JOB } from "../mail/jobs.ts";
import type { EventInput, QuestionInput, RegistrationInput, SessionInput } from "./inputs.ts";
import { registrationToken } from "./links.ts";
import {
  ANSWER_RETENTION_DAYS,
  attendanceCodeMatches,
  checkInSessions,
  helsinkiWallClock,
  mayGiveFeedback,
  newAttendanceCode,
  placeFor,
  promotions,
  registrationClosedReason,
  reminderAt,
} from "./rules.ts";
import { eventAnswers, eventAttendance, eventFeedback, eventQuestions, eventRegistrations, eventSessions, events } from "./schema.ts";
import { formatDateTime } from "./views/format.ts";

export interface EventDeps {
  db: Db;
  /** Signs the personal links (the session secret). */
  secret: string;
  baseUrl: string;
  now?: () => Date;
}

type EventRow = typeof events.$inferSelect;
type RegistrationRow = typeof eventRegistrations.$inferSelect;

export const REMINDER_JOB = "events.reminder";
export const RETENTION_JOB = "events.retention";

function eventValues(input: EventInput) {
  const { sessions, questions: _questions, ...rest } = input;
  const first = sessions[0];
  const last = Math.max(...sessions.map((s) => s.endsAt.getTime()));
  return { ...rest, startsAt: first?.startsAt ?? new Date(0), endsAt: new Date(last) };
}

/** Creates an event (a series when it has several sessions) with its audit entry. */
export async function createEvent(db: Db, actorUserId: string | null, input: EventInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ ...eventValues(input), createdBy: actorUserId })
      .returning({ id: events.id });
    if (!row) throw new Error("event not created");
    await saveSessions(tx, row.id, input.sessions);
    await saveQuestions(tx, row.id, input.questions);
    await recordAudit(tx, { actorUserId, action: "event.create", entity: "event", entityId: row.id, changes: { title: input.titleFi } });
    return row.id;
  });
}

/** Saves an event's changes; a larger capacity promotes from the waitlist at once. */
export async function updateEvent(deps: EventDeps, actorUserId: string, eventId: string, input: EventInput): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!event) return false;
    await tx
      .update(events)
      .set({ ...eventValues(input), updatedAt: new Date() })
      .where(eq(events.id, eventId));
    await saveSessions(tx, eventId, input.sessions);
    await saveQuestions(tx, eventId, input.questions);
    await recordAudit(tx, {
      actorUserId,
      action: "event.update",
      entity: "event",
      entityId: eventId,
      changes: { title: input.titleFi, capacity: input.capacity },
    });
    const updated = await lockEvent(tx, eventId);
    if (updated) await promoteFromWaitlist(tx, deps, updated);
    return true;
  });
}

/** Cancels an event: registration closes and every active registrant is told. */
export async function cancelEvent(deps: EventDeps, actorUserId: string, eventId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!event || event.status === "cancelled") return false;
    await tx.update(events).set({ status: "cancelled", updatedAt: new Date() }).where(eq(events.id, eventId));
    const active = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, ["confirmed", "waitlisted"])));
    for (const reg of active) await enqueueMail(tx, eventMail(deps, "cancelledEvent", event, reg), deps.now?.());
    await recordAudit(tx, { actorUserId, action: "event.cancel", entity: "event", entityId: eventId });
    return true;
  });
}

/**
 * Saves an event's sessions by position: session n keeps its id, check-in code and attendance when
 * its time changes; sessions beyond the new count are removed (with their attendance), new ones
 * get a code of their own.
 */
async function saveSessions(tx: Tx, eventId: string, sessions: readonly SessionInput[]) {
  const existing = await tx.select().from(eventSessions).where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.ordinal));
  for (const [i, s] of sessions.entries()) {
    const old = existing[i];
    if (old)
      await tx
        .update(eventSessions)
        .set({ ordinal: i + 1, ...s })
        .where(eq(eventSessions.id, old.id));
    else await tx.insert(eventSessions).values({ eventId, ordinal: i + 1, ...s, attendanceCode: newAttendanceCode(randomInt) });
  }
  const surplus = existing.slice(sessions.length).map((s) => s.id);
  if (surplus.length) await tx.delete(eventSessions).where(inArray(eventSessions.id, surplus));
}

/**
 * Saves an event's questions in the given order: a question with the id of one of the event's
 * questions is edited (its answers stay), one without is added, and the event's questions not in
 * the list are removed with their answers.
 */
async function saveQuestions(tx: Tx, eventId: string, questions: readonly QuestionInput[]) {
  const existing = new Set(
    (await tx.select({ id: eventQuestions.id }).from(eventQuestions).where(eq(eventQuestions.eventId, eventId))).map((q) => q.id),
  );
  const kept = new Set(questions.flatMap((q) => (q.id && existing.has(q.id) ? [q.id] : [])));
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length) await tx.delete(eventQuestions).where(inArray(eventQuestions.id, removed));
  for (const [i, q] of questions.entries()) {
    const values = { ordinal: i + 1, textFi: q.textFi, textSv: q.textSv, textEn: q.textEn, required: q.required };
    if (q.id && kept.has(q.id)) await tx.update(eventQuestions).set(values).where(eq(eventQuestions.id, q.id));
    else await tx.insert(eventQuestions).values({ eventId, ...values });
  }
}

async function lockEvent(tx: Tx, eventId: string): Promise<EventRow | undefined> {
  // The row lock serialises every change to the event's seats: registrations, cancellations and
  // promotions of one event run one after another, on PostgreSQL as on PGlite.
  const [row] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
  return row;
}

async function confirmedCount(tx: Executor, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, "confirmed")));
  return row?.n ?? 0;
}

export type RegisterResult =
  | { ok: true; status: "confirmed" | "waitlisted"; token: string; registrationId: string }
  | { ok: false; reason: "notFound" | "cancelled" | "past" | "deadlinePassed" | "alreadyRegistered" };

interface PendingRegistration {
  input: RegistrationInput;
  opts: { locale: Locale; userId?: string | null };
  resolve: (r: RegisterResult) => void;
  reject: (err: unknown) => void;
}

/** Registrations waiting for their event's next batch, per database and event (arrival order kept). */
const waiting = new WeakMap<Db, Map<string, { pending: PendingRegistration[]; running: boolean }>>();
/** At most this many registrations share one transaction. */
const BATCH_MAX = 200;

/**
 * Registers one person. Seats are decided under the event row's lock (`SELECT … FOR UPDATE`), so
 * they are never overbooked, by any number of instances. Registrations to the same event that
 * arrive while a transaction for it runs join the next one (group commit): one lock, one commit
 * for many people, in arrival order — under load the commit, not the work, is what costs.
 */
export function register(
  deps: EventDeps,
  eventId: string,
  input: RegistrationInput,
  opts: { locale: Locale; userId?: string | null },
): Promise<RegisterResult> {
  return new Promise((resolve, reject) => {
    let byEvent = waiting.get(deps.db);
    if (!byEvent) {
      byEvent = new Map();
      waiting.set(deps.db, byEvent);
    }
    let queue = byEvent.get(eventId);
    if (!queue) {
      queue = { pending: [], running: false };
      byEvent.set(eventId, queue);
    }
    queue.pending.push({ input, opts, resolve, reject });
    if (!queue.running) void drain(deps, eventId, queue, byEvent);
  });
}

async function drain(
  deps: EventDeps,
  eventId: string,
  queue: { pending: PendingRegistration[]; running: boolean },
  byEvent: Map<string, { pending: PendingRegistration[]; running: boolean }>,
) {
  queue.running = true;
  try {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, BATCH_MAX);
      try {
        const results = await registerBatch(deps, eventId, batch);
        for (const [i, p] of batch.entries()) p.resolve(results[i] as RegisterResult);
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  } finally {
    queue.running = false;
    if (queue.pending.length === 0) byEvent.delete(eventId);
  }
}

/** One transaction for a batch of registrations to one event, in their arrival order. */
async function registerBatch(deps: EventDeps, eventId: string, batch: readonly PendingRegistration[]): Promise<RegisterResult[]> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!event) return batch.map(() => ({ ok: false, reason: "notFound" }) as const);
    const closed = registrationClosedReason(event, now);
    if (closed) return batch.map(() => ({ ok: false, reason: closed }) as const);
    const emails = [...new Set(batch.map((p) => p.input.email))];
    const taken = new Set(
      (
        await tx
          .select({ email: eventRegistrations.email })
          .from(eventRegistrations)
          .where(
            and(
              eq(eventRegistrations.eventId, eventId),
              inArray(eventRegistrations.email, emails),
              sql`${eventRegistrations.status} <> 'cancelled'`,
            ),
          )
      ).map((r) => r.email),
    );
    let confirmed = await confirmedCount(tx, eventId);
    // Answers only to the event's questions as they are now (one may have been removed since the form was shown).
    const questionIds = new Set(
      (await tx.select({ id: eventQuestions.id }).from(eventQuestions).where(eq(eventQuestions.eventId, eventId))).map((q) => q.id),
    );
    const answers: (typeof eventAnswers.$inferInsert)[] = [];
    const results: RegisterResult[] = [];
    const rows: RegistrationRow[] = [];
    for (const p of batch) {
      if (taken.has(p.input.email)) {
        results.push({ ok: false, reason: "alreadyRegistered" });
        continue;
      }
      taken.add(p.input.email);
      const status = placeFor(event.capacity, confirmed);
      if (status === "confirmed") confirmed++;
      const id = randomUUID();
      rows.push({
        id,
        seq: 0,
        eventId,
        userId: p.opts.userId ?? null,
        name: p.input.name,
        email: p.input.email,
        organisation: p.input.organisation,
        projectCode: p.input.projectCode,
        locale: p.opts.locale,
        status,
        feedbackGiven: false,
        createdAt: now,
        promotedAt: null,
        cancelledAt: null,
      });
      for (const a of p.input.answers) {
        if (questionIds.has(a.questionId)) answers.push({ registrationId: id, questionId: a.questionId, answer: a.answer });
      }
      results.push({ ok: true, status, token: registrationToken(id, deps.secret), registrationId: id });
    }
    if (rows.length === 0) return results;
    // One multi-row insert: sequence numbers (the arrival order) are taken in the order of the rows.
    await tx.insert(eventRegistrations).values(rows.map(({ seq: _seq, ...r }) => r));
    if (answers.length) await tx.insert(eventAnswers).values(answers);
    await tx.insert(jobs).values(
      rows.map((r) => ({
        type: MAIL_JOB,
        payload: { ...eventMail(deps, r.status === "confirmed" ? "confirmed" : "waitlisted", event, r) },
        runAt: now,
      })),
    );
    const remindAt = reminderAt(event.startsAt, now);
    const toRemind = rows.filter((r) => r.status === "confirmed");
    if (remindAt && toRemind.length) {
      await tx
        .insert(jobs)
        .values(
          toRemind.map((r) => ({ type: REMINDER_JOB, payload: { registrationId: r.id }, runAt: remindAt, key: `event-reminder:${r.id}` })),
        )
        .onConflictDoNothing();
    }
    await tx.insert(auditLog).values(
      rows.map((r) => ({
        actorUserId: r.userId,
        action: "event.register",
        entity: "event_registration",
        entityId: r.id,
        changes: { eventId, status: r.status },
      })),
    );
    return results;
  });
}

async function scheduleReminder(tx: Tx, event: EventRow, reg: RegistrationRow, now: Date) {
  const at = reminderAt(event.startsAt, now);
  if (!at) return;
  await enqueue(tx, { type: REMINDER_JOB, payload: { registrationId: reg.id }, runAt: at, key: `event-reminder:${reg.id}` });
}

/** Fills free seats from the waitlist in arrival order and tells each promoted person. */
async function promoteFromWaitlist(tx: Tx, deps: EventDeps, event: EventRow): Promise<number> {
  if (event.status === "cancelled") return 0;
  const now = deps.now?.() ?? new Date();
  if (now.getTime() >= event.startsAt.getTime()) return 0;
  const confirmed = await confirmedCount(tx, event.id);
  const free = Math.max(0, event.capacity - confirmed);
  if (free === 0) return 0;
  const waiting = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, "waitlisted")))
    .orderBy(asc(eventRegistrations.seq))
    .limit(free);
  const promoted = promotions(event.capacity, confirmed, waiting);
  for (const reg of promoted) {
    await tx.update(eventRegistrations).set({ status: "confirmed", promotedAt: now }).where(eq(eventRegistrations.id, reg.id));
    await enqueueMail(tx, eventMail(deps, "promoted", event, reg), now);
    await scheduleReminder(tx, event, reg, now);
    await recordAudit(tx, {
      actorUserId: null,
      action: "event.promote",
      entity: "event_registration",
      entityId: reg.id,
      changes: { eventId: event.id },
    });
  }
  return promoted.length;
}

export async function findRegistration(db: Executor, id: string) {
  const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
  return row;
}

/** Cancels one's own registration; a freed seat goes to the first on the waitlist. */
export async function cancelRegistration(deps: EventDeps, registrationId: string): Promise<"cancelled" | "already" | "notFound"> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const reg = await findRegistration(tx, registrationId);
    if (!reg) return "notFound";
    const event = await lockEvent(tx, reg.eventId);
    if (!event) return "notFound";
    // Re-read under the event lock: a concurrent cancel of the same registration has finished.
    const current = await findRegistration(tx, registrationId);
    if (!current || current.status === "cancelled") return "already";
    await tx.update(eventRegistrations).set({ status: "cancelled", cancelledAt: now }).where(eq(eventRegistrations.id, registrationId));
    await tx.execute(sql`delete from jobs where key = ${`event-reminder:${registrationId}`}`);
    await recordAudit(tx, {
      actorUserId: null,
      action: "event.cancelRegistration",
      entity: "event_registration",
      entityId: registrationId,
      changes: { eventId: event.id },
    });
    if (current.status === "confirmed") await promoteFromWaitlist(tx, deps, event);
    return "cancelled";
  });
}

/**
 * Erases one's own registration: an upcoming one is cancelled first (promoting the next person);
 * then the name, e-mail, project and the answers are removed. What remains (organisation, status,
 * attendance) counts in the reach figures without saying who.
 */
export async function eraseRegistration(deps: EventDeps, registrationId: string): Promise<boolean> {
  const reg = await findRegistration(deps.db, registrationId);
  if (!reg) return false;
  if (reg.status !== "cancelled") await cancelRegistrationIfUpcoming(deps, reg);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(eventRegistrations)
      .set({ name: "", email: `erased-${registrationId}`, projectCode: null, userId: null })
      .where(eq(eventRegistrations.id, registrationId));
    await tx.delete(eventAnswers).where(eq(eventAnswers.registrationId, registrationId));
    await recordAudit(tx, { actorUserId: null, action: "event.eraseRegistration", entity: "event_registration", entityId: registrationId });
  });
  return true;
}

/** Erases one's own answers to the registration questions; the registration stays. */
export async function eraseAnswers(db: Db, registrationId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(eventAnswers)
      .where(eq(eventAnswers.registrationId, registrationId))
      .returning({ q: eventAnswers.questionId });
    await recordAudit(tx, {
      actorUserId: null,
      action: "event.eraseAnswers",
      entity: "event_registration",
      entityId: registrationId,
      changes: { answers: gone.length },
    });
    return gone.length;
  });
}

async function cancelRegistrationIfUpcoming(deps: EventDeps, reg: RegistrationRow) {
  const [event] = await deps.db.select().from(events).where(eq(events.id, reg.eventId));
  const now = deps.now?.() ?? new Date();
  if (event && now.getTime() < event.startsAt.getTime()) await cancelRegistration(deps, reg.id);
}

/**
 * A participant checks in with the code shown at a session: the code of a session open for
 * check-in now (from an hour before it starts to its end) marks that session attended.
 */
export async function checkIn(
  deps: EventDeps,
  registrationId: string,
  code: string,
): Promise<{ result: "ok"; sessionId: string } | { result: "wrongCode" | "notOpen" | "notConfirmed" }> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const reg = await findRegistration(tx, registrationId);
    const [event] = reg ? await tx.select().from(events).where(eq(events.id, reg.eventId)) : [];
    if (!reg || !event) return { result: "notConfirmed" };
    if (reg.status !== "confirmed") return { result: "notConfirmed" };
    const sessions = await tx.select().from(eventSessions).where(eq(eventSessions.eventId, event.id)).orderBy(asc(eventSessions.ordinal));
    const open = checkInSessions(sessions, event.status, now);
    if (open.length === 0) return { result: "notOpen" };
    const session = open.find((s) => attendanceCodeMatches(code, s.attendanceCode));
    if (!session) return { result: "wrongCode" };
    await tx.insert(eventAttendance).values({ registrationId, sessionId: session.id, at: now }).onConflictDoNothing();
    await recordAudit(tx, {
      actorUserId: null,
      action: "event.checkIn",
      entity: "event_registration",
      entityId: registrationId,
      changes: { session: session.ordinal },
    });
    return { result: "ok", sessionId: session.id };
  });
}

/**
 * The organiser marks who attended which session ("registration id:session id" pairs; the other
 * confirmed people are absent from that session). Pairs of other events or of people not
 * confirmed are ignored. Returns how many attendances were saved.
 */
export async function markAttendance(db: Db, actorUserId: string, eventId: string, pairs: readonly string[]): Promise<number> {
  return db.transaction(async (tx) => {
    const confirmed = new Set(
      (
        await tx
          .select({ id: eventRegistrations.id })
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, "confirmed")))
      ).map((r) => r.id),
    );
    const sessions = new Set(
      (await tx.select({ id: eventSessions.id }).from(eventSessions).where(eq(eventSessions.eventId, eventId))).map((r) => r.id),
    );
    const rows = [...new Set(pairs)].flatMap((p) => {
      const [registrationId = "", sessionId = "", ...rest] = p.split(":");
      return rest.length === 0 && confirmed.has(registrationId) && sessions.has(sessionId) ? [{ registrationId, sessionId }] : [];
    });
    if (sessions.size) await tx.delete(eventAttendance).where(inArray(eventAttendance.sessionId, [...sessions]));
    if (rows.length) await tx.insert(eventAttendance).values(rows);
    await recordAudit(tx, {
      actorUserId,
      action: "event.attendance",
      entity: "event",
      entityId: eventId,
      changes: { attendances: rows.length },
    });
    return rows.length;
  });
}

/** Anonymous feedback: stored without the registration (date only); the registration only remembers it gave one. */
export async function giveFeedback(deps: EventDeps, registrationId: string, rating: number, comment: string): Promise<boolean> {
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const [reg] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId)).for("update");
    const [event] = reg ? await tx.select().from(events).where(eq(events.id, reg.eventId)) : [];
    if (!reg || !event) return false;
    const [attendance] = await tx.select({ n: count() }).from(eventAttendance).where(eq(eventAttendance.registrationId, registrationId));
    if (!mayGiveFeedback({ ...reg, attended: (attendance?.n ?? 0) > 0 }, event, now)) return false;
    await tx.update(eventRegistrations).set({ feedbackGiven: true }).where(eq(eventRegistrations.id, registrationId));
    await tx.insert(eventFeedback).values({ eventId: event.id, rating, comment, givenOn: helsinkiWallClock(now).slice(0, 10) });
    return true;
  });
}

/**
 * The retention job: answers to registration questions (which can reveal health information)
 * are deleted 30 days after the event ends. Returns how many answers were deleted.
 */
export async function purgeOldAnswers(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ANSWER_RETENTION_DAYS * 24 * 3600 * 1000);
  return db.transaction(async (tx) => {
    const due = await tx.select({ id: events.id }).from(events).where(lt(events.endsAt, cutoff));
    if (due.length === 0) return 0;
    const ids = due.map((e) => e.id);
    const cleared = await tx
      .delete(eventAnswers)
      .where(
        inArray(
          eventAnswers.questionId,
          tx.select({ id: eventQuestions.id }).from(eventQuestions).where(inArray(eventQuestions.eventId, ids)),
        ),
      )
      .returning({ id: eventAnswers.registrationId });
    await tx
      .update(events)
      .set({ answersPurgedAt: now })
      .where(and(inArray(events.id, ids), sql`${events.answersPurgedAt} is null`));
    if (cleared.length) {
      await recordAudit(tx, {
        actorUserId: null,
        action: "event.purgeAnswers",
        entity: "event",
        entityId: "retention",
        changes: { answers: cleared.length },
      });
    }
    return cleared.length;
  });
}

/** The reminder job: a day before, to a registrant who is still confirmed for an event still on. */
export async function sendReminder(deps: EventDeps, registrationId: string): Promise<void> {
  const reg = await findRegistration(deps.db, registrationId);
  if (reg?.status !== "confirmed") return;
  const [event] = await deps.db.select().from(events).where(eq(events.id, reg.eventId));
  if (!event || event.status === "cancelled") return;
  await enqueueMail(deps.db, eventMail(deps, "reminder", event, reg), deps.now?.());
}

export type EventMailKind = "confirmed" | "waitlisted" | "promoted" | "reminder" | "cancelledEvent";

function eventTitle(event: EventRow, locale: Locale): string {
  return locale === "sv" ? event.titleSv : locale === "en" ? event.titleEn : event.titleFi;
}

/** The mail of one kind to one registrant, in the language they registered in, with their personal link. */
export function eventMail(deps: EventDeps, kind: EventMailKind, event: EventRow, reg: RegistrationRow) {
  const locale = (["fi", "sv", "en"].includes(reg.locale) ? reg.locale : "fi") as Locale;
  const t = translator(locale);
  const title = eventTitle(event, locale);
  const link = `${deps.baseUrl}${pathTo("registration", locale, { token: registrationToken(reg.id, deps.secret) })}`;
  const when = formatDateTime(locale, event.startsAt);
  const lines = [t("events.mail.greeting", { name: reg.name }), "", t(`events.mail.${kind}Body`, { title, when }), ""];
  if ((kind === "confirmed" || kind === "promoted" || kind === "reminder") && event.remote && event.meetingUrl) {
    lines.push(t("events.mail.meetingLink", { url: event.meetingUrl }), "");
  }
  if (kind !== "cancelledEvent") lines.push(t("events.mail.personalLink"), link, "");
  lines.push(t("events.mail.signature"));
  return { to: reg.email, locale, subject: t(`events.mail.${kind}Subject`, { title }), text: lines.join("\n") };
}
