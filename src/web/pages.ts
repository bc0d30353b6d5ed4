import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { seesAdministration } from "../policy.ts";
import type { PageContext } from "./context.ts";
import { translator } from "./i18n.ts";
import { LOCALES, type Locale } from "./locales.ts";
import { alternates, type PageKey, type PathParams, routePattern } from "./paths.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    page?: PageKey;
  }
}

export type PageHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export interface PageRoutes {
  get?: PageHandler;
  post?: PageHandler;
  /** Rate limit for POST (login, password reset). */
  postRateLimit?: { max: number; timeWindow: number };
}

/** Registers a page under its translated path in every language. */
export function registerPage(app: FastifyInstance, page: PageKey, routes: PageRoutes): void {
  for (const locale of LOCALES) {
    const url = routePattern(page, locale);
    if (routes.get) app.get(url, { config: { page } }, routes.get);
    if (routes.post) {
      app.post(
        url,
        { config: { page, ...(routes.postRateLimit ? { rateLimit: { ...routes.postRateLimit, groupId: page } } : {}) } },
        routes.post,
      );
    }
  }
}

/** The context every view gets: language, translator, user, CSRF token, language twins. */
export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  const locale: Locale = req.locale;
  const page = req.routeOptions.config?.page;
  let twins: Record<Locale, string> | null = null;
  if (page) {
    try {
      twins = alternates(page, (req.params ?? {}) as PathParams);
      const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
      if (query) twins = Object.fromEntries(LOCALES.map((l) => [l, `${twins?.[l]}${query}`])) as Record<Locale, string>;
    } catch {
      twins = null;
    }
  }
  let token: string | undefined;
  return {
    locale,
    t: translator(locale),
    user: req.user,
    // Made when a form on the page asks for it: a public page without forms sets no cookie.
    get csrfToken() {
      token ??= csrfToken(reply);
      return token;
    },
    alternates: twins,
    showAdmin: seesAdministration(req.user),
  };
}

function csrfToken(reply: FastifyReply): string {
  try {
    return reply.generateCsrf();
  } catch {
    // Only on framework error pages, before the cookie plugin has run: they have no forms to post.
    return "";
  }
}
