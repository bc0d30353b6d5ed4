import { purgeExpired } from "../modules/accounts/queries.ts";
import { purgeOutbox } from "../modules/mail/queries.ts";
import type { Db } from "./client.ts";

/** How long expired one-time links, unused invitations and outbox mails are kept (for support questions). */
export const KEEP_DAYS = 30;

/** Deletes expired sessions, old one-time links, unused invitations and old outbox mails. */
export async function housekeeping(db: Db, now = new Date()) {
  return db.transaction(async (tx) => ({
    ...(await purgeExpired(tx, now, KEEP_DAYS)),
    outbox: await purgeOutbox(tx, now, KEEP_DAYS),
  }));
}
