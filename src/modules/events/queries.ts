import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { CalendarFilter } from "./inputs.ts";
import { eventAnswers, eventAttendance, eventFeedback, eventQuestions, eventRegistrations, eventSessions, events } from "./schema.ts";

export type EventRow = typeof events.$inferSelect;
export type SessionRow = typeof eventSessions.$inferSelect;
export type QuestionRow = typeof eventQuestions.$inferSelect;

/** Events a calendar page lists. */
export const CALENDAR_PAGE_SIZE = 50;

// Written out in full: drizzle leaves a column of a one-table query unqualified ("id"), which the
// subquery would read as r.id.
const confirmedSql = sql<number>`(select count(*)::int from event_registrations r where r.event_id = "events"."id" and r.status = 'confirmed')`;
const waitlistedSql = sql<number>`(select count(*)::int from event_registrations r where r.event_id = "events"."id" and r.status = 'waitlisted')`;

function calendarConditions(filter: CalendarFilter, now: Date) {
  const conditions = [filter.when === "past" ? lt(events.endsAt, now) : gte(events.endsAt, now)];
  if (filter.type) conditions.push(eq(events.type, filter.type));
  // An area's calendar shows its own events and the national ones.
  if (filter.area) conditions.push(sql`(${filter.area} = any(${events.areaIds}) or cardinality(${events.areaIds}) = 0)`);
  if (filter.theme) conditions.push(sql`${filter.theme} = any(${events.themes})`);
  return and(...conditions);
}

/**
 * The calendar: coming events (soonest first) or past ones (latest first), filtered, `limit` from
 * `offset`; one statement. Ties on the start are broken by id, so pages never repeat or skip one.
 */
export async function listEvents(db: Executor, filter: CalendarFilter, now: Date, limit = CALENDAR_PAGE_SIZE, offset = 0) {
  const past = filter.when === "past";
  return db
    .select({ event: events, confirmed: confirmedSql, waitlisted: waitlistedSql })
    .from(events)
    .where(calendarConditions(filter, now))
    .orderBy(past ? desc(events.startsAt) : asc(events.startsAt), past ? desc(events.id) : asc(events.id))
    .limit(limit)
    .offset(offset);
}

/** How many events the filtered list holds (for its pages). */
export async function countEvents(db: Executor, filter: CalendarFilter, now: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(events).where(calendarConditions(filter, now));
  return row?.n ?? 0;
}

export async function sessionsOf(db: Executor, eventIds: readonly string[]): Promise<Map<string, SessionRow[]>> {
  const out = new Map<string, SessionRow[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .select()
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, [...eventIds]))
    .orderBy(asc(eventSessions.eventId), asc(eventSessions.ordinal));
  for (const r of rows) out.set(r.eventId, [...(out.get(r.eventId) ?? []), r]);
  return out;
}

/** One event with its sessions and seat counts, or undefined (also for a malformed id). */
export async function findEvent(db: Executor, id: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return undefined;
  const [row] = await db
    .select({ event: events, confirmed: confirmedSql, waitlisted: waitlistedSql })
    .from(events)
    .where(eq(events.id, id));
  if (!row) return undefined;
  const [sessions, questions] = await Promise.all([sessionsOf(db, [id]), questionsOf(db, id)]);
  return { ...row, sessions: sessions.get(id) ?? [], questions };
}

/** The questions of an event, in their order. */
export async function questionsOf(db: Executor, eventId: string): Promise<QuestionRow[]> {
  return db.select().from(eventQuestions).where(eq(eventQuestions.eventId, eventId)).orderBy(asc(eventQuestions.ordinal));
}

/** The answers of an event's registrations: registration id → question id → answer. */
export async function answersOf(db: Executor, eventId: string): Promise<Map<string, Map<string, string>>> {
  const rows = await db
    .select({ registrationId: eventAnswers.registrationId, questionId: eventAnswers.questionId, answer: eventAnswers.answer })
    .from(eventAnswers)
    .innerJoin(eventQuestions, eq(eventQuestions.id, eventAnswers.questionId))
    .where(eq(eventQuestions.eventId, eventId));
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const m = out.get(r.registrationId) ?? new Map<string, string>();
    m.set(r.questionId, r.answer);
    out.set(r.registrationId, m);
  }
  return out;
}

/** One registration's answers: question id → answer. */
export async function answersOfRegistration(db: Executor, registrationId: string): Promise<Map<string, string>> {
  const rows = await db.select().from(eventAnswers).where(eq(eventAnswers.registrationId, registrationId));
  return new Map(rows.map((r) => [r.questionId, r.answer]));
}

/** Attendance of an event's sessions, as "registration id:session id". */
export async function attendanceOf(db: Executor, eventId: string): Promise<Set<string>> {
  const rows = await db
    .select({ registrationId: eventAttendance.registrationId, sessionId: eventAttendance.sessionId })
    .from(eventAttendance)
    .innerJoin(eventSessions, eq(eventSessions.id, eventAttendance.sessionId))
    .where(eq(eventSessions.eventId, eventId));
  return new Set(rows.map((r) => `${r.registrationId}:${r.sessionId}`));
}

/** The sessions one registration attended. */
export async function attendedSessions(db: Executor, registrationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ sessionId: eventAttendance.sessionId })
    .from(eventAttendance)
    .where(eq(eventAttendance.registrationId, registrationId));
  return new Set(rows.map((r) => r.sessionId));
}

/** Registrations of an event for its organiser: active ones in arrival order, then cancelled. */
export async function listRegistrations(db: Executor, eventId: string) {
  return db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(
      sql`case ${eventRegistrations.status} when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(eventRegistrations.seq),
    );
}

/** Waitlist arrival numbers of an event (for a registrant's position). */
export async function waitlistSeqs(db: Executor, eventId: string): Promise<number[]> {
  const rows = await db
    .select({ seq: eventRegistrations.seq })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, "waitlisted")))
    .orderBy(asc(eventRegistrations.seq));
  return rows.map((r) => r.seq);
}

/** Feedback of an event: the number of answers, the ratings and the comments (shown only from 5 answers up). */
export async function feedbackOf(db: Executor, eventId: string) {
  const rows = await db
    .select({ rating: eventFeedback.rating, comment: eventFeedback.comment })
    .from(eventFeedback)
    .where(eq(eventFeedback.eventId, eventId))
    .orderBy(asc(eventFeedback.givenOn), asc(eventFeedback.id));
  return rows;
}

/** What the reach figures count: one row per active (not cancelled) registration, without names. */
export async function reachRegistrations(db: Executor) {
  return db
    .select({
      eventId: eventRegistrations.eventId,
      status: eventRegistrations.status,
      sessionsAttended: sql<number>`(select count(*)::int from event_attendance a where a.registration_id = ${eventRegistrations.id})`,
      organisation: eventRegistrations.organisation,
      projectCode: eventRegistrations.projectCode,
    })
    .from(eventRegistrations)
    .where(sql`${eventRegistrations.status} <> 'cancelled'`);
}

export async function allEvents(db: Executor) {
  return db.select().from(events).orderBy(asc(events.startsAt));
}
