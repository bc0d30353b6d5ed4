import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import {
  authorize,
  authorizeProject,
  keepsProjectAreas,
  mayCreateProject,
  mayEditProject,
  mayManageMembers,
  requiredProjectArea,
} from "../../policy.ts";
import { todayInHelsinki } from "../../time.ts";
import type { SessionUser } from "../../web/context.ts";
import type { FieldErrors } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import type { T } from "../../web/i18n.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { detailsToFormValues, formErrorKeys, formFieldOf, formToInput, keepFormValues, type ProjectFormValues } from "./form.ts";
import { loadProjectFormOptions } from "./form-options.ts";
import { projectInput } from "./inputs.ts";
import { addMember, listMembers, projectScope, removeMember } from "./members.ts";
import { findProjectByCode } from "./queries.ts";
import { normaliseProjectCode } from "./rules.ts";
import { saveProject } from "./service.ts";
import { MembersPage } from "./views/members-page.tsx";
import { ProjectFormPage } from "./views/project-form.tsx";

const translate = (keys: Record<string, string>, t: T): FieldErrors =>
  Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, t(key as "errors.invalid")]));

/** The project named in the URL, or 404. */
async function projectFromUrl(db: Db, req: FastifyRequest) {
  const code = normaliseProjectCode(String((req.params as { code?: unknown }).code ?? ""));
  if (code.length > 20 || !/^[A-Z0-9-]+$/.test(code)) throw new HttpError(404);
  const found = await findProjectByCode(db, code, req.locale);
  if (!found) throw new HttpError(404);
  return found.details;
}

const memberForm = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("errors.emailInvalid").max(254, "errors.emailInvalid")),
});
const memberParams = z.object({ userId: z.uuid() });

/**
 * Creating and editing projects, and binding members to them. Coordinators (an area coordinator
 * only in their area) create and edit; project members edit the projects they are bound to.
 */
export async function projectEditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: {
      mode: "new" | "edit";
      code?: string;
      projectName?: string;
      values: ProjectFormValues;
      errors: FieldErrors;
      codeLocked: boolean;
    },
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    const options = await loadProjectFormOptions(db, req.locale);
    const values = { ...form.values };
    if (!values.programmeId && options.programmes[0]) values.programmeId = options.programmes[0].value;
    return sendPage(
      reply,
      <ProjectFormPage
        ctx={ctx}
        mode={form.mode}
        projectName={form.projectName}
        action={form.code ? pathTo("projectEdit", req.locale, { code: form.code }) : pathTo("projectNew", req.locale)}
        cancelHref={form.code ? pathTo("project", req.locale, { code: form.code }) : pathTo("projects", req.locale)}
        values={values}
        errors={form.errors}
        options={options}
        codeLocked={form.codeLocked}
      />,
      status,
    );
  };

  /** Validates the form and saves; answers with the form and its errors, or redirects to the project. */
  const submit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    user: SessionUser,
    existing: { id: string; code: string; name: string } | null,
  ) => {
    const t = pageContext(req, reply).t;
    const values = keepFormValues(req.body);
    const codeLocked = existing !== null && user.role === "project_member";
    const body = { ...(req.body as Record<string, unknown>) };
    if (codeLocked && existing) body.code = existing.code;
    const options = await loadProjectFormOptions(db, req.locale);
    const { raw, unknownMunicipalities, coRows } = formToInput(body, options.findMunicipality);
    const parsed = projectInput.safeParse(raw);
    const errors: FieldErrors = parsed.success ? {} : translate(formErrorKeys(parsed.error, coRows), t);
    if (unknownMunicipalities.length) {
      errors.municipalities = t("errors.unknownMunicipalityNames", { names: unknownMunicipalities.join(", ") });
    }
    const again = (errs: FieldErrors) =>
      showForm(
        req,
        reply,
        {
          mode: existing ? "edit" : "new",
          code: existing?.code,
          projectName: existing?.name,
          values: codeLocked && existing ? { ...values, code: existing.code } : values,
          errors: errs,
          codeLocked,
        },
        400,
      );
    if (!parsed.success || Object.keys(errors).length) return again(errors);
    const result = await saveProject(db, user.id, parsed.data, {
      ...(existing ? { projectId: existing.id } : {}),
      today: todayInHelsinki(),
      requiredAreaId: requiredProjectArea(user),
      keepAreas: keepsProjectAreas(user),
    });
    if (!result.ok) {
      const keys = Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [formFieldOf([field], coRows), key]));
      return again(translate(keys, t));
    }
    return redirectAfterPost(reply, `${pathTo("project", req.locale, { code: result.code })}?saved=1`);
  };

  registerPage(app, "projectNew", {
    get: async (req, reply) => {
      authorize(req.user, "projects.create");
      if (!mayCreateProject(req.user)) throw new HttpError(403);
      return showForm(req, reply, { mode: "new", values: {}, errors: {}, codeLocked: false });
    },
    post: async (req, reply) => {
      authorize(req.user, "projects.create");
      if (!mayCreateProject(req.user)) throw new HttpError(403);
      return submit(req, reply, req.user, null);
    },
  });

  const editable = async (req: FastifyRequest) => {
    const details = await projectFromUrl(db, req);
    authorizeProject(req.user, mayEditProject, await projectScope(db, details.project.id));
    return details;
  };

  registerPage(app, "projectEdit", {
    get: async (req, reply) => {
      const details = await editable(req);
      const user = req.user as SessionUser;
      const options = await loadProjectFormOptions(db, req.locale);
      return showForm(req, reply, {
        mode: "edit",
        code: details.project.code,
        projectName: details.project.nameFi,
        values: detailsToFormValues(details, options.municipalityName),
        errors: {},
        codeLocked: user.role === "project_member",
      });
    },
    post: async (req, reply) => {
      const details = await editable(req);
      const { id, code, nameFi } = details.project;
      return submit(req, reply, req.user as SessionUser, { id, code, name: nameFi });
    },
  });

  const managed = async (req: FastifyRequest) => {
    const details = await projectFromUrl(db, req);
    authorizeProject(req.user, mayManageMembers, await projectScope(db, details.project.id));
    return details;
  };

  const showMembers = async (
    req: FastifyRequest,
    reply: FastifyReply,
    details: Awaited<ReturnType<typeof managed>>,
    extra: { errors?: FieldErrors; email?: string; notice?: "added" | "removed" | null } = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      <MembersPage
        ctx={pageContext(req, reply)}
        code={details.project.code}
        projectName={details.project.nameFi}
        members={await listMembers(db, details.project.id)}
        {...extra}
      />,
      status,
    );

  registerPage(app, "projectMembers", {
    get: async (req, reply) => {
      const details = await managed(req);
      const q = req.query as Record<string, unknown>;
      const notice = q.added ? "added" : q.removed ? "removed" : null;
      return showMembers(req, reply, details, { notice });
    },
    post: async (req, reply) => {
      const details = await managed(req);
      const t = pageContext(req, reply).t;
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const email = typeof raw.email === "string" ? raw.email : "";
      const parsed = memberForm.safeParse(raw);
      if (!parsed.success) return showMembers(req, reply, details, { errors: { email: t("errors.emailInvalid") }, email }, 400);
      const result = await addMember(db, (req.user as SessionUser).id, details.project.id, parsed.data.email);
      if (!result.ok) return showMembers(req, reply, details, { errors: { email: t(result.error as "errors.invalid") }, email }, 400);
      return redirectAfterPost(reply, `${pathTo("projectMembers", req.locale, { code: details.project.code })}?added=1`);
    },
    // Each try answers whether an address is an active project member's: not a way to test many.
    postRateLimit: { max: 30, timeWindow: 60_000 },
  });

  registerPage(app, "projectMemberRemove", {
    post: async (req, reply) => {
      const details = await managed(req);
      const params = memberParams.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const removed = await removeMember(db, (req.user as SessionUser).id, details.project.id, params.data.userId);
      if (!removed) throw new HttpError(404);
      return redirectAfterPost(reply, `${pathTo("projectMembers", req.locale, { code: details.project.code })}?removed=1`);
    },
  });
}
