import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /** The one question to registrants (e.g. accessibility or dietary needs), per language; empty = none. */
    questionFi: text("question_fi").notNull().default(""),
    questionSv: text("question_sv").notNull().default(""),
    questionEn: text("question_en").notNull().default(""),
    /** "published" or "cancelled". */
    status: text("status").notNull().default("published"),
    /** Short code shown at the event; participants check in with it. */
    attendanceCode: text("attendance_code").notNull(),
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
  },
  (t) => [uniqueIndex("event_sessions_event_ordinal_idx").on(t.eventId, t.ordinal)],
);

/**
 * A registration. `seq` is the arrival order (assigned while the event row is locked), which is
 * also the order of the waitlist. Personal data is kept to the minimum; the answer is deleted 30
 * days after the event.
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
    answer: text("answer"),
    locale: text("locale").notNull().default("fi"),
    /** "confirmed", "waitlisted" or "cancelled". */
    status: text("status").notNull(),
    attended: boolean("attended").notNull().default(false),
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
