import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The job queue (docs/decisions/0013-job-queue-and-event-seats.md): one row per job, claimed with
 * `FOR UPDATE SKIP LOCKED`, so any number of app instances work the same table safely.
 * A done job is deleted; a recurring one (repeat_seconds) is moved to its next run.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** What to do: the name of a registered handler, e.g. "mail.send". */
    type: text("type").notNull(),
    payload: jsonb("payload").notNull().$type<Record<string, unknown>>(),
    /** Optional unique key: a job that must exist once (a recurring job, one reminder per registration). */
    key: text("key"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    /** "pending" until done (deleted) or given up ("failed", kept for an administrator). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    /** While a worker runs the job nobody else claims it; a crashed worker's claim runs out. */
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    repeatSeconds: integer("repeat_seconds"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("jobs_due_idx").on(t.runAt).where(sql`status = 'pending'`), uniqueIndex("jobs_key_idx").on(t.key)],
);
