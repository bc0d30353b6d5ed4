import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { authorize } from "../../policy.ts";
import { type FieldErrors, fieldErrors } from "../../web/form.tsx";
import type { T } from "../../web/i18n.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { keepFormValues } from "../projects/form.ts";
import { ACTION_AREA_CODE, OBJECTIVE_CODE, programmeForm, targetGroupForm } from "./inputs.ts";
import { type LineError, parseNamedLines } from "./lines.ts";
import { listFunderChoices, listProgrammesOverview, listRegionalStructures, listTargetGroups } from "./queries.ts";
import { addTargetGroup, createProgramme } from "./service.ts";
import { NewProgrammePage, ProgrammesPage } from "./views/admin-programmes.tsx";

/** "Line 2: …; line 5: …" in the user's language. */
const lineMessage = (errors: LineError[], t: T) => errors.map((e) => t("errors.onLine", { line: e.line, message: t(e.key) })).join("; ");

const translate = (keys: Record<string, string | undefined>, t: T): FieldErrors =>
  Object.fromEntries(Object.entries(keys).flatMap(([f, k]) => (k ? [[f, t(k as "errors.invalid")]] : [])));

/** Programmes and target groups, for administrators: a new programme needs no code change. */
export async function programmeAdminRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const showList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, string | string[]> } = {},
    status = 200,
  ) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const notice = q.added === "programme" ? "programmeAdded" : q.added === "targetGroup" ? "targetGroupAdded" : null;
    const [programmes, targetGroups] = await Promise.all([listProgrammesOverview(db, req.locale), listTargetGroups(db)]);
    return sendPage(
      reply,
      <ProgrammesPage ctx={pageContext(req, reply)} programmes={programmes} targetGroups={targetGroups} notice={notice} {...extra} />,
      status,
    );
  };

  registerPage(app, "adminProgrammes", {
    get: async (req, reply) => {
      authorize(req.user, "programmes.manage");
      return showList(req, reply);
    },
  });

  registerPage(app, "adminTargetGroups", {
    post: async (req, reply) => {
      authorize(req.user, "programmes.manage");
      const t = pageContext(req, reply).t;
      const values = keepFormValues(req.body);
      const parsed = targetGroupForm.safeParse(req.body ?? {});
      if (!parsed.success) return showList(req, reply, { errors: fieldErrors(parsed.error, t), values }, 400);
      const result = await addTargetGroup(db, req.user.id, parsed.data);
      if (!result.ok) return showList(req, reply, { errors: translate(result.errors, t), values }, 400);
      return redirectAfterPost(reply, `${pathTo("adminProgrammes", req.locale)}?added=targetGroup#target-groups`);
    },
  });

  const showNew = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, string | string[]> } = {},
    status = 200,
  ) => {
    const [structures, funders] = await Promise.all([listRegionalStructures(db, req.locale), listFunderChoices(db, req.locale)]);
    return sendPage(reply, <NewProgrammePage ctx={pageContext(req, reply)} structures={structures} funders={funders} {...extra} />, status);
  };

  registerPage(app, "adminProgrammeNew", {
    get: async (req, reply) => {
      authorize(req.user, "programmes.manage");
      return showNew(req, reply);
    },
    post: async (req, reply) => {
      authorize(req.user, "programmes.manage");
      const t = pageContext(req, reply).t;
      const values = keepFormValues(req.body);
      const parsed = programmeForm.safeParse(req.body ?? {});
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, t);
      const objectives = parseNamedLines(typeof values.objectives === "string" ? values.objectives : "", OBJECTIVE_CODE);
      const actionAreas = parseNamedLines(typeof values.actionAreas === "string" ? values.actionAreas : "", ACTION_AREA_CODE);
      if (objectives.errors.length && !errors.objectives) errors.objectives = lineMessage(objectives.errors, t);
      if (actionAreas.errors.length && !errors.actionAreas) errors.actionAreas = lineMessage(actionAreas.errors, t);
      if (!actionAreas.errors.length && actionAreas.items.length === 0 && !errors.actionAreas) {
        errors.actionAreas = t("errors.actionAreasRequired");
      }
      if (!parsed.success || Object.keys(errors).length) return showNew(req, reply, { errors, values }, 400);
      const result = await createProgramme(db, req.user.id, parsed.data, { objectives: objectives.items, actionAreas: actionAreas.items });
      if (!result.ok) return showNew(req, reply, { errors: translate(result.errors, t), values }, 400);
      return redirectAfterPost(reply, `${pathTo("adminProgrammes", req.locale)}?added=programme`);
    },
  });
}
