import { resolve } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { h } from "preact";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { adminUserRoutes } from "./modules/accounts/admin-routes.ts";
import { accountRoutes } from "./modules/accounts/routes.ts";
import type { AccountDeps } from "./modules/accounts/service.ts";
import { loadSessionUser } from "./modules/accounts/session.ts";
import { directoryApiRoutes } from "./modules/directory/api.ts";
import { directoryImportRoutes } from "./modules/directory/import-routes.tsx";
import { directoryManageRoutes } from "./modules/directory/manage-routes.tsx";
import { planningRoutes } from "./modules/directory/planning.tsx";
import { directoryRoutes } from "./modules/directory/routes.tsx";
import { eventJobHandlers } from "./modules/events/jobs.ts";
import { eventRoutes } from "./modules/events/routes.tsx";
import { indicatorAdminRoutes } from "./modules/indicators/admin-routes.tsx";
import { indicatorApiRoutes } from "./modules/indicators/api.ts";
import { indicatorFetchRoutes } from "./modules/indicators/fetch-routes.tsx";
import { indicatorRoutes } from "./modules/indicators/routes.tsx";
import { JobQueue } from "./modules/jobs/queue.ts";
import { mailJobHandlers } from "./modules/mail/jobs.ts";
import { createMailer, type Mailer } from "./modules/mail/mailer.ts";
import { outboxRoutes } from "./modules/mail/routes.tsx";
import { publicPageRoutes } from "./modules/pages/routes.tsx";
import { programmeAdminRoutes } from "./modules/programmes/admin-routes.tsx";
import { projectApiRoutes } from "./modules/projects/api.ts";
import { projectEditRoutes } from "./modules/projects/edit-routes.tsx";
import { projectImportRoutes } from "./modules/projects/import-routes.tsx";
import { portfolioRoutes } from "./modules/projects/portfolio-routes.tsx";
import { projectRoutes } from "./modules/projects/routes.tsx";
import { surveyAdminRoutes } from "./modules/surveys/admin-routes.tsx";
import { surveyAnswerRoutes } from "./modules/surveys/answer-routes.tsx";
import { surveyImportRoutes } from "./modules/surveys/import-routes.tsx";
import { surveyManageRoutes } from "./modules/surveys/manage-routes.tsx";
import { surveyResultRoutes } from "./modules/surveys/result-routes.tsx";
import { closeResultsWorker, setResultsWorkerLogger } from "./modules/surveys/results-pool.ts";
import { apiErrorBody, isApiUrl, registerApi } from "./web/api.ts";
import { BackgroundTasks } from "./web/background.ts";
import type { SessionUser } from "./web/context.ts";
import { type ErrorKind, ErrorPage } from "./web/error-page.tsx";
import { HttpError } from "./web/http-error.ts";
import { DEFAULT_LOCALE, type Locale, localeOfPath } from "./web/locales.ts";
import { pageContext } from "./web/pages.ts";
import { SharedRateLimitStore } from "./web/rate-limit-store.ts";
import { sendPage } from "./web/render.ts";
import { tokensCss } from "./web/tokens-css.ts";

declare module "fastify" {
  interface FastifyInstance {
    backgroundTasks: BackgroundTasks;
    /** The job queue (mails, reminders, retention); main.ts polls it, tests call `jobs.workOff()`. */
    jobs: JobQueue;
  }
  interface FastifyRequest {
    locale: Locale;
    user: SessionUser | null;
    sessionToken: string | null;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  /** Tests may pass their own; by default built from SMTP_URL. */
  mailer?: Mailer;
  now?: () => Date;
  /** Where logs go (tests read them); stdout by default. */
  logStream?: NodeJS.WritableStream;
}

export interface SokraApp {
  app: FastifyInstance;
  accounts: AccountDeps;
}

/** Builds the whole Fastify application. Tests use it with `app.inject()`; src/main.ts listens. */
export async function buildApp(deps: AppDeps): Promise<SokraApp> {
  const { config, database } = deps;
  const app = Fastify({
    bodyLimit: config.bodyLimitBytes,
    // Malformed URLs (e.g. bad percent-encoding) get the translated 400 page, not Fastify's JSON.
    frameworkErrors: (_error, req, reply) => {
      req.locale = localeOfPath(req.url);
      return renderError(req, reply, 400);
    },
    trustProxy: config.trustProxy,
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Request logs carry no personal data: no IP, no query string, no path parameters (which
      // may hold one-time tokens) — only the route pattern, method, status and duration.
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string } }) => ({
          method: req.method,
          route: req.routeOptions?.url ?? "(no route)",
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });

  const mailer = deps.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, db: database.db });
  const background = new BackgroundTasks((err) => app.log.error({ err }, "background task failed"));
  app.decorate("backgroundTasks", background);
  setResultsWorkerLogger((msg, err) => app.log.error({ err }, msg));
  const eventDeps = { db: database.db, secret: config.sessionSecret, baseUrl: config.baseUrl, ...(deps.now ? { now: deps.now } : {}) };
  const jobs = new JobQueue(
    database.db,
    { ...mailJobHandlers(mailer), ...eventJobHandlers(eventDeps) },
    { ...(deps.now ? { now: deps.now } : {}), onError: (err, job) => app.log.error({ err, job: job.type }, "job failed") },
  );
  app.decorate("jobs", jobs);
  const accounts: AccountDeps = {
    db: database.db,
    background,
    baseUrl: config.baseUrl,
    sessionTtlHours: config.sessionTtlHours,
    ...(deps.now ? { now: deps.now } : {}),
  };

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: "sokra_csrf",
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure: config.secureCookies },
  });
  await app.register(fastifyFormbody);
  const rateLimitStore = new SharedRateLimitStore();
  await app.register(fastifyRateLimit, {
    global: false,
    store: function SharedStore() {
      return rateLimitStore;
    } as unknown as never,
    errorResponseBuilder: () => new HttpError(429),
  });
  await app.register(fastifyStatic, {
    root: resolve(import.meta.dirname, "web/assets"),
    prefix: "/assets/",
    maxAge: config.env === "production" ? "1h" : 0,
  });
  const tokens = tokensCss();
  app.get("/assets/tokens.css", (_req, reply) => reply.type("text/css; charset=utf-8").send(tokens));

  app.decorateRequest("locale", DEFAULT_LOCALE);
  app.decorateRequest("user", null);
  app.decorateRequest("sessionToken", null);

  app.addHook("onRequest", async (req) => {
    req.locale = localeOfPath(req.url);
    // Static files, the health check and the public API need no session: no database query for them.
    if (req.url.startsWith("/assets/") || isApiUrl(req.url) || req.url === "/healthz") return;
    await loadSessionUser(req, database.db, accounts.now?.() ?? new Date());
  });

  // Every state-changing request must carry the CSRF token of its form.
  app.addHook("preHandler", (req, reply, done) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return done();
    app.csrfProtection(req, reply, done);
  });

  app.get("/healthz", async (_req, reply) => {
    try {
      await database.db.execute(sql`select 1`);
      return reply.send({ status: "ok", database: database.kind });
    } catch {
      return reply.status(503).send({ status: "unavailable" });
    }
  });

  app.get("/", async (req, reply) => reply.redirect(`/${preferredLocale(req.headers["accept-language"])}`, 302));

  // Set before the routes: a route plugin with its own context (the project import) inherits it,
  // and the API plugin (registered last) replaces it with JSON handlers in its own scope.
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (typeof error.code === "string" && error.code.startsWith("FST_CSRF")) return renderError(req, reply, "csrf");
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known: ErrorKind[] = [400, 401, 403, 404, 409, 413, 429];
      return renderError(req, reply, (known.includes(status as ErrorKind) ? status : 400) as ErrorKind, status);
    }
    req.log.error({ err: error }, "request failed");
    return renderError(req, reply, 500);
  });

  await publicPageRoutes(app);
  await accountRoutes(app, { accounts, config });
  await adminUserRoutes(app, { accounts });
  await outboxRoutes(app, { db: database.db, mailer });
  await projectRoutes(app, { db: database.db });
  await portfolioRoutes(app, { db: database.db });
  await projectEditRoutes(app, { db: database.db });
  await projectImportRoutes(app, { db: database.db });
  await programmeAdminRoutes(app, { db: database.db });
  await directoryRoutes(app, { db: database.db });
  await directoryManageRoutes(app, { db: database.db });
  await planningRoutes(app, { db: database.db });
  await directoryImportRoutes(app, { db: database.db });
  const surveyDeps = { db: database.db, config, now: deps.now ?? (() => new Date()) };
  await surveyAnswerRoutes(app, surveyDeps);
  await surveyManageRoutes(app, surveyDeps);
  await surveyResultRoutes(app, surveyDeps);
  await surveyImportRoutes(app, surveyDeps);
  await surveyAdminRoutes(app, surveyDeps);
  await eventRoutes(app, { db: database.db, config, ...(deps.now ? { now: deps.now } : {}) });
  await indicatorRoutes(app, { db: database.db });
  await indicatorAdminRoutes(app, { db: database.db });
  await indicatorFetchRoutes(app, { db: database.db, config });

  app.setNotFoundHandler((req, reply) => renderError(req, reply, 404));
  app.addHook("onClose", async () => {
    await background.settled();
    await closeResultsWorker();
    await jobs.stop();
    mailer.close();
    await database.close();
  });

  // After the page handlers are set: the API plugin sets its own JSON handlers inside its scope.
  await registerApi(app, {
    config,
    routes: [
      (api, ctx) => projectApiRoutes(api, { ...ctx, db: database.db }),
      (api, ctx) => indicatorApiRoutes(api, { ...ctx, db: database.db }),
      (api, ctx) => directoryApiRoutes(api, { ...ctx, db: database.db }),
    ],
  });
  return { app, accounts };
}

function renderError(req: FastifyRequest, reply: FastifyReply, kind: ErrorKind, status?: number) {
  const code = status ?? (kind === "csrf" ? 403 : kind);
  if (isApiUrl(req.url)) return reply.status(code).header("cache-control", "no-store").send(apiErrorBody(code));
  let ctx: ReturnType<typeof pageContext>;
  try {
    ctx = pageContext(req, reply);
  } catch {
    // Even the context failed (e.g. no cookie plugin yet): answer in plain text rather than throw.
    return reply.status(code).type("text/plain; charset=utf-8").send(`Error ${code}`);
  }
  ctx.alternates = null;
  const loginNext = kind === 401 && req.method === "GET" ? req.url : undefined;
  return sendPage(reply, h(ErrorPage, { ctx, kind, ...(loginNext ? { loginNext } : {}) }), code);
}

/** Finnish unless the browser prefers Swedish or English. */
export function preferredLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if (lang === "fi" || lang === "sv" || lang === "en") return lang;
  }
  return DEFAULT_LOCALE;
}
