import type { FastifyInstance } from "fastify";
import type { PageContext } from "../../web/context.ts";
import { Layout } from "../../web/layout.tsx";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { sendPage } from "../../web/render.ts";

function HomePage({ ctx }: { ctx: PageContext }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.title")}</h1>
      <p class="lead">{t("home.lead")}</p>
      <h2>{t("home.whoTitle")}</h2>
      <ul>
        <li>{t("home.who.planners")}</li>
        <li>{t("home.who.projects")}</li>
        <li>{t("home.who.participants")}</li>
        <li>{t("home.who.coordinators")}</li>
        <li>{t("home.who.ministry")}</li>
      </ul>
      <h2>{t("home.statusTitle")}</h2>
      <p>{t("home.status")}</p>
      {!ctx.user && (
        <p>
          <a class="button" href={pathTo("login", locale)}>
            {t("layout.login")}
          </a>
        </p>
      )}
    </Layout>
  );
}

function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accessibility.title")}>
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      <h2>{t("accessibility.statusTitle")}</h2>
      <p>{t("accessibility.status")}</p>
      <h2>{t("accessibility.howTitle")}</h2>
      <p>{t("accessibility.how")}</p>
      <h2>{t("accessibility.knownTitle")}</h2>
      <p>{t("accessibility.known")}</p>
      <h2>{t("accessibility.feedbackTitle")}</h2>
      <p>{t("accessibility.feedback")}</p>
      <h2>{t("accessibility.enforcementTitle")}</h2>
      <p>{t("accessibility.enforcement")}</p>
      <p>
        <a href="https://www.saavutettavuusvaatimukset.fi/">{t("accessibility.enforcementLink")}</a>
      </p>
      <p class="hint-text">{t("accessibility.updated")}</p>
    </Layout>
  );
}

/** Public pages that need no account. */
export async function publicPageRoutes(app: FastifyInstance) {
  registerPage(app, "home", {
    get: async (req, reply) => sendPage(reply, <HomePage ctx={pageContext(req, reply)} />),
  });
  registerPage(app, "accessibility", {
    get: async (req, reply) => sendPage(reply, <AccessibilityPage ctx={pageContext(req, reply)} />),
  });
}
