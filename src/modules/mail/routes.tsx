import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import type { PageContext } from "../../web/context.ts";
import { formatDateTime } from "../../web/i18n.ts";
import { Layout } from "../../web/layout.tsx";
import { pageContext, registerPage } from "../../web/pages.ts";
import { sendPage } from "../../web/render.ts";
import { AdminNav } from "../accounts/views/admin-pages.tsx";
import type { Mailer } from "./mailer.ts";
import { listOutbox } from "./queries.ts";

type OutboxMail = Awaited<ReturnType<typeof listOutbox>>[number];

function OutboxPage({ ctx, mails, mode }: { ctx: PageContext; mails: OutboxMail[]; mode: Mailer["mode"] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("admin.outbox.title")}>
      <AdminNav ctx={ctx} current="outbox" />
      <h1>{t("admin.outbox.title")}</h1>
      <p>{t(mode === "smtp" ? "admin.outbox.smtpMode" : "admin.outbox.outboxMode")}</p>
      {mails.length === 0 ? (
        <p>{t("admin.outbox.empty")}</p>
      ) : (
        <ol class="mail-list">
          {mails.map((m) => (
            <li key={m.id} class="mail">
              <h2 class="mail-subject" lang={m.locale}>
                {m.subject}
              </h2>
              <dl class="summary-list">
                <div>
                  <dt>{t("admin.outbox.to")}</dt>
                  <dd>{m.toAddress}</dd>
                </div>
                <div>
                  <dt>{t("admin.outbox.created")}</dt>
                  <dd>{formatDateTime(locale, m.createdAt)}</dd>
                </div>
              </dl>
              <pre class="mail-body" lang={m.locale}>
                {m.bodyText}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

/** The outbox: mails kept for an administrator when no SMTP server is configured. */
export async function outboxRoutes(app: FastifyInstance, { db, mailer }: { db: Db; mailer: Mailer }) {
  registerPage(app, "adminOutbox", {
    get: async (req, reply) => {
      authorize(req.user, "outbox.read");
      return sendPage(reply, <OutboxPage ctx={pageContext(req, reply)} mails={await listOutbox(db)} mode={mailer.mode} />);
    },
  });
}
