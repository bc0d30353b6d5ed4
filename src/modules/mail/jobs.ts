import type { Executor } from "../../db/client.ts";
import { enqueue } from "../jobs/queue.ts";
import type { Mail, Mailer } from "./mailer.ts";

/** A mail sent by the job queue: retried with backoff when the SMTP server fails (docs/decisions/0013). */
export const MAIL_JOB = "mail.send";

/** Queues a mail in the transaction of the change it announces. */
export function enqueueMail(tx: Executor, mail: Mail, runAt?: Date, key?: string): Promise<void> {
  return enqueue(tx, { type: MAIL_JOB, payload: { ...mail }, ...(runAt ? { runAt } : {}), ...(key ? { key } : {}) });
}

export function mailJobHandlers(mailer: Mailer) {
  return {
    [MAIL_JOB]: async (payload: Record<string, unknown>) => {
      const { to, locale, subject, text } = payload as unknown as Mail;
      await mailer.send({ to, locale, subject, text });
    },
  };
}
