import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { authorize } from "../../policy.ts";
import type { PageContext } from "../../web/context.ts";
import { type FieldErrors, type FormValues, fieldErrors, keepValues, type Option } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { listCoordinationAreas, localName } from "../regions/queries.ts";
import { inviteUserInput, updateUserInput, uuidParam } from "./inputs.ts";
import { findUserById, listUsers } from "./queries.ts";
import * as accounts from "./service.ts";
import { EditUserPage, InvitePage, type UserRow, UsersPage } from "./views/admin-pages.tsx";

/** User administration: list, invite, change role, area and status. Administrators only. */
export async function adminUserRoutes(app: FastifyInstance, { accounts: deps }: { accounts: accounts.AccountDeps }) {
  const areaOptions = async (ctx: PageContext): Promise<Option[]> =>
    (await listCoordinationAreas(deps.db)).map((a) => ({ value: a.id, label: localName(a, ctx.locale) }));

  registerPage(app, "adminUsers", {
    get: async (req, reply) => {
      authorize(req.user, "users.list");
      const ctx = pageContext(req, reply);
      const areas = new Map((await areaOptions(ctx)).map((o) => [o.value, o.label]));
      const rows: UserRow[] = (await listUsers(deps.db)).map((u) => ({
        ...u,
        areaName: u.areaId ? (areas.get(u.areaId) ?? u.areaId) : null,
      }));
      const invitations = (await accounts.listOpenInvitations(deps)).map((i) => ({
        ...i,
        areaName: i.areaId ? (areas.get(i.areaId) ?? i.areaId) : null,
      }));
      const query = req.query as Record<string, unknown>;
      const notice = query.invited ? "invited" : query.updated ? "updated" : query.revoked ? "revoked" : undefined;
      return sendPage(reply, h(UsersPage, { ctx, users: rows, invitations, ...(notice ? { notice } : {}) }));
    },
  });

  registerPage(app, "adminInvite", {
    get: async (req, reply) => {
      authorize(req.user, "users.invite");
      const ctx = pageContext(req, reply);
      return sendPage(reply, h(InvitePage, { ctx, areas: await areaOptions(ctx) }));
    },
    post: async (req, reply) => {
      authorize(req.user, "users.invite");
      const ctx = pageContext(req, reply);
      const values = keepValues(req.body);
      const show = async (errors: FieldErrors, status: number) =>
        sendPage(reply, h(InvitePage, { ctx, areas: await areaOptions(ctx), errors, values }), status);
      const parsed = inviteUserInput.safeParse(req.body);
      if (!parsed.success) return show(fieldErrors(parsed.error, ctx.t), 400);
      if (parsed.data.areaId && !(await areaOptions(ctx)).some((a) => a.value === parsed.data.areaId)) {
        return show({ areaId: ctx.t("errors.areaRequired") }, 400);
      }
      const result = await accounts.inviteUser(deps, req.user.id, parsed.data);
      if (!result.ok) return show({ email: ctx.t("errors.userExists") }, 409);
      return redirectAfterPost(reply, `${pathTo("adminUsers", req.locale)}?invited=1`);
    },
  });

  registerPage(app, "adminRevokeInvitation", {
    post: async (req, reply) => {
      authorize(req.user, "users.invite");
      const params = uuidParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      // Revoking one that was already used, expired or revoked is not an error: the result is the same.
      await accounts.revokeInvitation(deps, req.user.id, params.data.id);
      return redirectAfterPost(reply, `${pathTo("adminUsers", req.locale)}?revoked=1`);
    },
  });

  const loadUser = async (req: FastifyRequest, ctx: PageContext): Promise<UserRow> => {
    const params = uuidParam.safeParse(req.params);
    if (!params.success) throw new HttpError(404);
    const user = await findUserById(deps.db, params.data.id);
    if (!user) throw new HttpError(404);
    const areas = await areaOptions(ctx);
    return { ...user, areaName: areas.find((a) => a.value === user.areaId)?.label ?? null };
  };

  const showEdit = async (req: FastifyRequest, reply: FastifyReply, errors?: FieldErrors, values?: FormValues, status = 200) => {
    const ctx = pageContext(req, reply);
    const user = await loadUser(req, ctx);
    return sendPage(
      reply,
      h(EditUserPage, {
        ctx,
        user,
        areas: await areaOptions(ctx),
        ...(errors ? { errors } : {}),
        values: values ?? { role: user.role, areaId: user.areaId ?? "", status: user.status },
      }),
      status,
    );
  };

  registerPage(app, "adminUser", {
    get: async (req, reply) => {
      authorize(req.user, "users.list");
      return showEdit(req, reply);
    },
    post: async (req, reply) => {
      authorize(req.user, "users.update");
      const ctx = pageContext(req, reply);
      const user = await loadUser(req, ctx);
      const values = keepValues(req.body);
      const parsed = updateUserInput.safeParse(req.body);
      if (!parsed.success) return showEdit(req, reply, fieldErrors(parsed.error, ctx.t), values, 400);
      if (parsed.data.areaId && !(await areaOptions(ctx)).some((a) => a.value === parsed.data.areaId)) {
        return showEdit(req, reply, { areaId: ctx.t("errors.areaRequired") }, values, 400);
      }
      const result = await accounts.updateUser(deps, req.user.id, user.id, parsed.data);
      if (!result.ok) {
        if (result.reason === "not-found") throw new HttpError(404);
        // Name the field whose change would have left no administrator.
        const field = parsed.data.role === "admin" ? "status" : "role";
        return showEdit(req, reply, { [field]: ctx.t("errors.lastAdmin") }, values, 409);
      }
      return redirectAfterPost(reply, `${pathTo("adminUsers", req.locale)}?updated=1`);
    },
  });
}
