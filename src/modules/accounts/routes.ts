import type { FastifyInstance } from "fastify";
import { h } from "preact";
import type { Config } from "../../config.ts";
import { authorize } from "../../policy.ts";
import { fieldErrors, keepValues } from "../../web/form.tsx";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, safeLocalPath, sendPage } from "../../web/render.ts";
import { projectsOfMember } from "../projects/members.ts";
import { coordinationAreaName } from "../regions/queries.ts";
import { acceptInvitationInput, forgotPasswordInput, loginInput, resetPasswordInput, tokenParam } from "./inputs.ts";
import * as accounts from "./service.ts";
import { clearSessionCookie, setSessionCookie } from "./session.ts";
import { AccountPage, ForgotPasswordPage, InvitationPage, LinkInvalidPage, LoginPage, ResetPasswordPage } from "./views/auth-pages.tsx";

interface Deps {
  accounts: accounts.AccountDeps;
  config: Config;
}

/** Login, logout, password reset, invitation acceptance and the user's own account page. */
export async function accountRoutes(app: FastifyInstance, { accounts: deps, config }: Deps) {
  const authLimit = { max: config.rateLimitAuth.max, timeWindow: config.rateLimitAuth.windowSeconds * 1000 };
  const secure = config.secureCookies;

  registerPage(app, "login", {
    get: async (req, reply) => {
      const query = req.query as Record<string, string | undefined>;
      const notice = query.reset ? "reset" : query.loggedOut ? "loggedOut" : undefined;
      const next = typeof query.next === "string" ? safeLocalPath(query.next, "") : "";
      return sendPage(reply, h(LoginPage, { ctx: pageContext(req, reply), values: next ? { next } : {}, ...(notice ? { notice } : {}) }));
    },
    postRateLimit: authLimit,
    post: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const values = keepValues(req.body, ["password"]);
      const parsed = loginInput.safeParse(req.body);
      if (!parsed.success) {
        return sendPage(reply, h(LoginPage, { ctx, errors: fieldErrors(parsed.error, ctx.t), values }), 400);
      }
      const session = await accounts.logIn(deps, parsed.data.email, parsed.data.password, req.sessionToken);
      if (!session) {
        // One message for a wrong password and an unknown e-mail: it must not reveal accounts.
        return sendPage(reply, h(LoginPage, { ctx, errors: { email: ctx.t("errors.loginFailed") }, values }), 401);
      }
      setSessionCookie(reply, session.token, config.sessionTtlHours, secure);
      return redirectAfterPost(reply, safeLocalPath(parsed.data.next, pathTo("account", req.locale)));
    },
  });

  registerPage(app, "logout", {
    post: async (req, reply) => {
      if (req.sessionToken) await accounts.logOut(deps, req.sessionToken);
      clearSessionCookie(reply, secure);
      return redirectAfterPost(reply, `${pathTo("login", req.locale)}?loggedOut=1`);
    },
  });

  registerPage(app, "forgotPassword", {
    get: async (req, reply) => {
      const sent = Boolean((req.query as Record<string, unknown>).sent);
      return sendPage(reply, h(ForgotPasswordPage, { ctx: pageContext(req, reply), sent }));
    },
    postRateLimit: authLimit,
    post: async (req, reply) => {
      const parsed = forgotPasswordInput.safeParse(req.body);
      if (!parsed.success) {
        const ctx = pageContext(req, reply);
        return sendPage(reply, h(ForgotPasswordPage, { ctx, errors: fieldErrors(parsed.error, ctx.t), values: keepValues(req.body) }), 400);
      }
      // Runs after the answer: the same answer, as fast, whether or not the account exists.
      accounts.requestPasswordReset(deps, parsed.data.email, req.locale);
      return redirectAfterPost(reply, `${pathTo("forgotPassword", req.locale)}?sent=1`);
    },
  });

  registerPage(app, "resetPassword", {
    get: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const params = tokenParam.safeParse(req.params);
      if (!params.success || !(await accounts.isResetTokenOpen(deps, params.data.token))) {
        return sendPage(reply, h(LinkInvalidPage, { ctx, kind: "reset" }), 410);
      }
      return sendPage(reply, h(ResetPasswordPage, { ctx, token: params.data.token }));
    },
    postRateLimit: authLimit,
    post: async (req, reply) => {
      const ctx = pageContext(req, reply);
      const params = tokenParam.safeParse(req.params);
      if (!params.success) return sendPage(reply, h(LinkInvalidPage, { ctx, kind: "reset" }), 410);
      const parsed = resetPasswordInput.safeParse(req.body);
      if (!parsed.success) {
        if (!(await accounts.isResetTokenOpen(deps, params.data.token))) {
          return sendPage(reply, h(LinkInvalidPage, { ctx, kind: "reset" }), 410);
        }
        return sendPage(reply, h(ResetPasswordPage, { ctx, token: params.data.token, errors: fieldErrors(parsed.error, ctx.t) }), 400);
      }
      const ok = await accounts.resetPassword(deps, params.data.token, parsed.data.password);
      if (!ok) return sendPage(reply, h(LinkInvalidPage, { ctx, kind: "reset" }), 410);
      clearSessionCookie(reply, secure);
      return redirectAfterPost(reply, `${pathTo("login", req.locale)}?reset=1`);
    },
  });

  const showInvitation = async (
    req: Parameters<typeof pageContext>[0],
    reply: Parameters<typeof pageContext>[1],
    token: string,
    extra: { errors?: Record<string, string>; values?: Record<string, string>; status?: number } = {},
  ) => {
    const ctx = pageContext(req, reply);
    const inv = await accounts.findOpenInvitation(deps, token);
    if (!inv) return sendPage(reply, h(LinkInvalidPage, { ctx, kind: "invitation" }), 410);
    const areaName = await coordinationAreaName(deps.db, inv.areaId, req.locale);
    return sendPage(
      reply,
      h(InvitationPage, {
        ctx,
        token,
        invitation: { email: inv.email, role: inv.role, areaName },
        ...(extra.errors ? { errors: extra.errors } : {}),
        ...(extra.values ? { values: extra.values } : {}),
      }),
      extra.status ?? 200,
    );
  };

  registerPage(app, "invitation", {
    get: async (req, reply) => {
      const params = tokenParam.safeParse(req.params);
      if (!params.success) return sendPage(reply, h(LinkInvalidPage, { ctx: pageContext(req, reply), kind: "invitation" }), 410);
      return showInvitation(req, reply, params.data.token);
    },
    postRateLimit: authLimit,
    post: async (req, reply) => {
      const params = tokenParam.safeParse(req.params);
      if (!params.success) return sendPage(reply, h(LinkInvalidPage, { ctx: pageContext(req, reply), kind: "invitation" }), 410);
      const values = keepValues(req.body, ["password", "passwordConfirm"]);
      const parsed = acceptInvitationInput.safeParse(req.body);
      if (!parsed.success) {
        return showInvitation(req, reply, params.data.token, {
          errors: fieldErrors(parsed.error, pageContext(req, reply).t),
          values,
          status: 400,
        });
      }
      const result = await accounts.acceptInvitation(deps, params.data.token, parsed.data, req.sessionToken);
      if (!result.ok) {
        const kind = result.reason === "exists" ? "accountExists" : "invitation";
        return sendPage(reply, h(LinkInvalidPage, { ctx: pageContext(req, reply), kind }), result.reason === "exists" ? 409 : 410);
      }
      setSessionCookie(reply, result.token, config.sessionTtlHours, secure);
      return redirectAfterPost(reply, `${pathTo("account", req.locale)}?welcome=1`);
    },
  });

  registerPage(app, "account", {
    get: async (req, reply) => {
      authorize(req.user, "account.read");
      const areaName = await coordinationAreaName(deps.db, req.user.areaId, req.locale);
      const welcome = Boolean((req.query as Record<string, unknown>).welcome);
      const projects = req.user.role === "project_member" ? await projectsOfMember(deps.db, req.user.id) : [];
      return sendPage(reply, h(AccountPage, { ctx: pageContext(req, reply), areaName, welcome, projects }));
    },
  });
}
