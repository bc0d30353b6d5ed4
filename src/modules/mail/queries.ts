import { desc, lt } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { mailOutbox } from "./schema.ts";

export async function listOutbox(db: Executor, limit = 100) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

/** Deletes outbox mails older than `keepDays` (their links have long expired). */
export async function purgeOutbox(db: Executor, now: Date, keepDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * 24 * 3600 * 1000);
  const rows = await db.delete(mailOutbox).where(lt(mailOutbox.createdAt, cutoff)).returning({ id: mailOutbox.id });
  return rows.length;
}
