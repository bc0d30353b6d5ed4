import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { jobs } from "./schema.ts";

/** What a job handler gets: the database and the queue's clock. Throwing means "try again later". */
export interface JobContext {
  db: Db;
  now: Date;
}
export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  /** When to run; now when omitted. */
  runAt?: Date;
  /** A job with a key exists at most once: enqueueing the same key again changes nothing. */
  key?: string;
  maxAttempts?: number;
  /** Recurring: after each successful run the job moves this many seconds ahead. */
  repeatSeconds?: number;
}

/**
 * Adds a job. Call it with the transaction that makes the change the job is about: the job then
 * exists exactly when the change committed (a registration and its confirmation mail).
 */
export async function enqueue(tx: Executor, job: NewJob): Promise<void> {
  await tx
    .insert(jobs)
    .values({
      type: job.type,
      payload: job.payload,
      runAt: job.runAt ?? new Date(),
      key: job.key ?? null,
      maxAttempts: job.maxAttempts ?? 5,
      repeatSeconds: job.repeatSeconds ?? null,
    })
    .onConflictDoNothing();
}

/** Wait before the next try: 30 s, 1 min, 2 min, 4 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface JobQueueOptions {
  now?: () => Date;
  /** How long a claimed job stays reserved for its worker (a crashed worker's jobs come back after it). */
  lockSeconds?: number;
  onError?: (err: unknown, job: { id: number; type: string }) => void;
}

/**
 * Works the `jobs` table. Each `runDue()` claims due jobs with `FOR UPDATE SKIP LOCKED` in one
 * statement (so two instances never claim the same job), runs them outside any transaction and
 * then deletes, reschedules or gives them up. The same code runs on PGlite and PostgreSQL.
 */
export class JobQueue {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly handlers: JobHandlers,
    private readonly options: JobQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Claims and runs at most `limit` jobs that are due; returns how many ran (successfully or not). */
  async runDue(limit = 20, now = this.now()): Promise<number> {
    const lockUntil = new Date(now.getTime() + (this.options.lockSeconds ?? 300) * 1000);
    const due = this.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, "pending"), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lt(jobs.lockedUntil, now))))
      .orderBy(asc(jobs.runAt), asc(jobs.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    const claimed = await this.db
      .update(jobs)
      .set({ lockedUntil: lockUntil, attempts: sql`${jobs.attempts} + 1` })
      .where(inArray(jobs.id, due))
      .returning();
    claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
    for (const job of claimed) {
      try {
        const handler = this.handlers[job.type];
        if (!handler) throw new Error(`no handler for job type ${job.type}`);
        await handler(job.payload, { db: this.db, now });
        if (job.repeatSeconds) {
          await this.db
            .update(jobs)
            .set({ runAt: new Date(now.getTime() + job.repeatSeconds * 1000), attempts: 0, lockedUntil: null, lastError: null })
            .where(eq(jobs.id, job.id));
        } else {
          await this.db.delete(jobs).where(eq(jobs.id, job.id));
        }
      } catch (err) {
        this.options.onError?.(err, job);
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
        const giveUp = job.attempts >= job.maxAttempts && !job.repeatSeconds;
        await this.db
          .update(jobs)
          .set({
            status: giveUp ? "failed" : "pending",
            runAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
            attempts: job.repeatSeconds && job.attempts >= job.maxAttempts ? 0 : job.attempts,
            lockedUntil: null,
            lastError: message,
          })
          .where(eq(jobs.id, job.id));
      }
    }
    return claimed.length;
  }

  /** Runs every job that is due now, including those the run itself adds (tests use it to be deterministic). */
  async workOff(now = this.now()): Promise<number> {
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const ran = await this.runDue(50, now);
      total += ran;
      if (ran === 0) break;
    }
    return total;
  }

  /** Polls every `intervalMs` (main.ts); one poll at a time per instance. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.workOff()
        .catch((err: unknown) => this.options.onError?.(err, { id: 0, type: "(poll)" }))
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
