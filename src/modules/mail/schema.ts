import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Mails kept when no SMTP server is configured, for an administrator to read in the product.
 * With SMTP_URL set, mails are sent and not stored (they may hold one-time links).
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    /** Language of the mail, so that the outbox page can mark it with `lang`. */
    locale: text("locale").notNull().default("fi"),
  },
  (t) => [index("mail_outbox_created_idx").on(t.createdAt)],
);
