import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema.ts";
import { projects } from "../projects/schema.ts";
import type { Instrument } from "./instrument.ts";

/** One locked version of an instrument (its whole definition as loaded from data/instruments). */
export const surveyInstruments = pgTable(
  "survey_instruments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<Instrument>().notNull(),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("survey_instruments_key_version").on(t.key, t.version)],
);

/** A round of a project's survey: the start round (sequence 1) or a follow-up (2, 3 …). */
export const surveyRounds = pgTable(
  "survey_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id),
    sequence: integer("sequence").notNull(),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    /** Token of the round's anonymous link (answers without a code: counted, never paired); null = no such link. */
    anonymousToken: text("anonymous_token"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("survey_rounds_project_sequence").on(t.projectId, t.sequence),
    uniqueIndex("survey_rounds_anonymous_token").on(t.anonymousToken),
  ],
);

/** A printed batch of respondent codes. */
export const surveyCodeBatches = pgTable("survey_code_batches", {
  id: uuid("id").primaryKey().defaultRandom(),
  projectId: uuid("project_id")
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" }),
  size: integer("size").notNull(),
  createdOn: date("created_on").notNull(),
});

/**
 * A pseudonymous respondent code of a project, the same in every round. Sokra never stores who holds
 * which code.
 */
export const surveyCodes = pgTable(
  "survey_codes",
  {
    code: text("code").primaryKey(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => surveyCodeBatches.id, { onDelete: "cascade" }),
  },
  (t) => [index("survey_codes_batch").on(t.batchId)],
);

/**
 * One answered form. Stored with the date only: no time of day, no IP address, no user agent, no
 * name. `code` is null for the anonymous link; a code answers a round once (unique index).
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => surveyRounds.id, { onDelete: "cascade" }),
    code: text("code"),
    answeredOn: date("answered_on").notNull(),
    /** "web" (the participant's own form) or "import" (paper forms typed in, or an earlier tool). */
    source: text("source").notNull(),
    withWorker: boolean("with_worker").notNull().default(false),
    language: text("language").notNull(),
    /** One entry per item of the instrument: the answer on its scale, or null for no answer. */
    answers: smallint("answers").array().$type<(number | null)[]>().notNull(),
    background: jsonb("background").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [uniqueIndex("survey_responses_round_code").on(t.roundId, t.code), index("survey_responses_round").on(t.roundId)],
);

/** Survey settings an administrator changes (one row, id "default"). */
export const surveySettings = pgTable("survey_settings", {
  id: text("id").primaryKey(),
  /** k of small-cell suppression: no figure from fewer respondents. Never below 3 (checked in the input and by effectiveK). */
  minRespondents: integer("min_respondents").notNull(),
});
