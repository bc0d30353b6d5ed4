import { lt } from "drizzle-orm";
import { purgeExpired } from "../modules/accounts/queries.ts";
import { directoryImportRuns } from "../modules/directory/schema.ts";
import { purgeOutbox } from "../modules/mail/queries.ts";
import { projectImportRuns } from "../modules/projects/schema.ts";
import type { Db, Executor } from "./client.ts";

/** How long expired one-time links, unused invitations and outbox mails are kept (for support questions). */
export const KEEP_DAYS = 30;

/**
 * How long the reports of project and directory imports are kept. A report repeats rows of the file
 * (names and e-mail addresses in a directory import); what was imported lives on in the records
 * themselves. Indicator import reports hold no personal data, and their content hashes keep the
 * starting data from being loaded again at every start, so they stay.
 */
export const IMPORT_REPORT_KEEP_DAYS = 90;

/** Deletes import reports older than `keepDays`. */
async function purgeImportReports(db: Executor, now: Date, keepDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - keepDays * 24 * 3600 * 1000);
  let removed = 0;
  for (const table of [projectImportRuns, directoryImportRuns]) {
    removed += (await db.delete(table).where(lt(table.createdAt, cutoff)).returning({ id: table.id })).length;
  }
  return removed;
}

/** Deletes expired sessions, old one-time links, unused invitations, old outbox mails and old import reports. */
export async function housekeeping(db: Db, now = new Date()) {
  return db.transaction(async (tx) => ({
    ...(await purgeExpired(tx, now, KEEP_DAYS)),
    outbox: await purgeOutbox(tx, now, KEEP_DAYS),
    importReports: await purgeImportReports(tx, now, IMPORT_REPORT_KEEP_DAYS),
  }));
}
