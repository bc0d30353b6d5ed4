import nodemailer from "nodemailer";
import type { Executor } from "../../db/client.ts";
import { mailOutbox } from "./schema.ts";

export interface Mail {
  to: string;
  /** The language the mail is written in. */
  locale: "fi" | "sv" | "en";
  subject: string;
  text: string;
}

export interface Mailer {
  /** "smtp" sends through SMTP_URL; "outbox" keeps mails for an administrator to read. */
  readonly mode: "smtp" | "outbox";
  /** Sends (SMTP) or stores (outbox; in `tx` when given, so the mail commits with the change). */
  send(mail: Mail, tx?: Executor): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl: string | undefined; from: string; db: Executor }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      mode: "smtp",
      async send(mail) {
        await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
      },
      close: () => transport.close(),
    };
  }
  return {
    mode: "outbox",
    async send(mail, tx) {
      await (tx ?? options.db)
        .insert(mailOutbox)
        .values({ toAddress: mail.to, subject: mail.subject, bodyText: mail.text, locale: mail.locale });
    },
    close: () => {},
  };
}
