import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/schema.ts";

/**
 * An event people register to. A series (a workshop in three parts, a coaching programme) is one
 * event with several sessions: one registration covers them all.
 */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull(),
    titleFi: text("title_fi").notNull(),
    titleSv: text("title_sv").notNull(),
    titleEn: text("title_en").notNull(),
    descriptionFi: text("description_fi").notNull().default(""),
    descriptionSv: text("description_sv").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    themes: text("themes").array().notNull().default(sql`'{}'::text[]`),
    /** Coordination areas the event is for; empty = national. */
    areaIds: text("area_ids").array().notNull().default(sql`'{}'::text[]`),
    audience: text("audience").notNull(),
    place: text("place").notNull().default(""),
    remote: boolean("remote").notNull().default(false),
    /** Shown only to registered participants (on their personal page and in their mails). */
    meetingUrl: text("meeting_url"),
    capacity: integer("capacity").notNull(),
    registrationDeadline: timestamp("registration_deadline", { withTimezone: true }).notNull(),
    /** "published" or "cancelled". */
    status: text("status").notNull().default("published"),
    /** Start of the first and end of the last session (kept with the sessions, for listing and rules). */
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** When the registration answers were deleted (30 days after the event). */
    answersPurgedAt: timestamp("answers_purged_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_starts_idx").on(t.startsAt)],
);

/** One meeting of an event; a single event has one, a series several. */
export const eventSessions = pgTable(
  "event_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    ordinal: smallint("ordinal").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Short code shown at this session; participants check in to it with the code. */
    attendanceCode: text("attendance_code").notNull(),
  },
  (t) => [uniqueIndex("event_sessions_event_ordinal_idx").on(t.eventId, t.ordinal)],
);

/** A question to registrants (e.g. accessibility or dietary needs), in three languages, in the order shown. */
export const eventQuestions = pgTable(
  "event_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    ordinal: smallint("ordinal").notNull(),
    textFi: text("text_fi").notNull(),
    textSv: text("text_sv").notNull(),
    textEn: text("text_en").notNull(),
    required: boolean("required").notNull().default(false),
  },
  (t) => [index("event_questions_event_idx").on(t.eventId, t.ordinal)],
);

/**
 * A registration. `seq` is the arrival order (assigned while the event row is locked), which is
 * also the order of the waitlist. Personal data is kept to the minimum; the answers (`event_answers`)
 * are deleted 30 days after the event, attendance is per session (`event_attendance`).
 */
export const eventRegistrations = pgTable(
  "event_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** Lower-cased: one active registration per address and event. */
    email: text("email").notNull(),
    organisation: text("organisation").notNull(),
    projectCode: text("project_code"),
    locale: text("locale").notNull().default("fi"),
    /** "confirmed", "waitlisted" or "cancelled". */
    status: text("status").notNull(),
    feedbackGiven: boolean("feedback_given").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("event_registrations_active_email_idx").on(t.eventId, t.email).where(sql`status <> 'cancelled'`),
    index("event_registrations_event_seq_idx").on(t.eventId, t.status, t.seq),
  ],
);

/** Anonymous feedback: no link to the registration (which only remembers that it gave feedback), date only. */
export const eventFeedback = pgTable(
  "event_feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    comment: text("comment").notNull().default(""),
    givenOn: date("given_on").notNull(),
  },
  (t) => [index("event_feedback_event_idx").on(t.eventId)],
);

/**
 * A registrant's answer to one question. Answers can reveal health information: they are deleted
 * 30 days after the event (the retention job) and when the registrant erases their registration.
 */
export const eventAnswers = pgTable(
  "event_answers",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => eventQuestions.id, { onDelete: "cascade" }),
    answer: text("answer").notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.questionId] }), index("event_answers_question_idx").on(t.questionId)],
);

/** Who attended which session (checked in with the session's code or marked by the organiser). */
export const eventAttendance = pgTable(
  "event_attendance",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => eventSessions.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.sessionId] }), index("event_attendance_session_idx").on(t.sessionId)],
);
