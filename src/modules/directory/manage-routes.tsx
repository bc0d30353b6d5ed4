import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { authorize, mayAssignAreaRole, mayEditPerson, mayLinkAccount } from "../../policy.ts";
import { todayInHelsinki } from "../../time.ts";
import type { FieldErrors } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { organisations } from "../organisations/schema.ts";
import { listCoordinationAreas, listMunicipalityKeys, localName } from "../regions/queries.ts";
import { formatPhone } from "./contact.ts";
import { organisationFormInput, personFormField, personFormInput, personFormRaw, projectRoleValues } from "./manage-inputs.ts";
import { personForEditing, saveOrganisation, savePerson } from "./manage-service.ts";
import { AREA_ROLES } from "./schema.ts";
import { type ManageValues, OrganisationForm, PersonForm } from "./views/manage-forms.tsx";

const idParam = z.object({ id: z.uuid() });

/** What the user sent, strings and lists, so that a refused form shows it again. */
function keep(body: unknown): ManageValues {
  if (!body || typeof body !== "object") return {};
  const out: ManageValues = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/**
 * Hand-editing of the directory (docs/decisions/0011, "Who edits the directory"): coordinators and
 * administrators create and edit organisations and people; see policy.mayEditPerson for which people.
 */
export async function directoryManageRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const translate = (req: FastifyRequest, reply: FastifyReply, keys: Record<string, string>): FieldErrors => {
    const t = pageContext(req, reply).t;
    return Object.fromEntries(
      Object.entries(keys).map(([f, k]) => [f, t((k.startsWith("errors.") ? k : "errors.invalid") as "errors.invalid")]),
    );
  };

  const municipalityOptions = async (req: FastifyRequest) =>
    (await listMunicipalityKeys(db))
      .map((m) => ({ value: m.code, label: (req.locale === "sv" && m.nameSv) || (req.locale === "en" && m.nameEn) || m.nameFi }))
      .sort((a, b) => a.label.localeCompare(b.label, req.locale));

  const showOrganisation = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    values: ManageValues,
    errors: FieldErrors = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      <OrganisationForm
        ctx={pageContext(req, reply)}
        id={id}
        values={values}
        errors={errors}
        municipalities={await municipalityOptions(req)}
      />,
      status,
    );

  const postOrganisation = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const values = keep(req.body);
    const parsed = organisationFormInput.safeParse(req.body ?? {});
    if (!parsed.success) {
      const keys: Record<string, string> = {};
      for (const issue of parsed.error.issues) keys[String(issue.path[0] ?? "form")] ??= issue.message;
      return showOrganisation(req, reply, id, values, translate(req, reply, keys), 400);
    }
    const result = await saveOrganisation(db, req.user as NonNullable<typeof req.user>, id, parsed.data);
    if (!result.ok) {
      if (result.status === 404) throw new HttpError(404);
      return showOrganisation(req, reply, id, values, translate(req, reply, result.errors), 400);
    }
    return redirectAfterPost(reply, `${pathTo("organisation", req.locale, { id: result.id })}?saved=1`);
  };

  registerPage(app, "organisationNew", {
    get: async (req, reply) => {
      authorize(req.user, "directory.manage");
      return showOrganisation(req, reply, null, {});
    },
    post: async (req, reply) => {
      authorize(req.user, "directory.manage");
      return postOrganisation(req, reply, null);
    },
  });

  const organisationToEdit = async (req: FastifyRequest) => {
    authorize(req.user, "directory.manage");
    const params = idParam.safeParse(req.params);
    if (!params.success) throw new HttpError(404);
    const [org] = await db.select().from(organisations).where(eq(organisations.id, params.data.id));
    if (!org) throw new HttpError(404);
    return org;
  };

  registerPage(app, "organisationEdit", {
    get: async (req, reply) => {
      const org = await organisationToEdit(req);
      return showOrganisation(req, reply, org.id, {
        nameFi: org.nameFi,
        nameSv: org.nameSv ?? "",
        businessId: org.businessId ?? "",
        type: org.type,
        homeMunicipalityCode: org.homeMunicipalityCode ?? "",
        website: org.website ?? "",
      });
    },
    post: async (req, reply) => {
      const org = await organisationToEdit(req);
      return postOrganisation(req, reply, org.id);
    },
  });

  /** The area-role checkboxes the editor may tick: every area for national coordinators, one's own for an area coordinator. */
  const areaOptions = async (req: FastifyRequest, reply: FastifyReply) => {
    const own = (await listCoordinationAreas(db)).filter((a) => mayAssignAreaRole(req.user, a.id));
    const t = pageContext(req, reply).t;
    const tr = (k: string) => t(k as "errors.invalid");
    return own.flatMap((a) =>
      AREA_ROLES.map((role) => ({ value: `${a.id}:${role}`, label: `${localName(a, req.locale)}: ${tr(`directory.areaRoles.${role}`)}` })),
    );
  };

  const showPerson = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    values: ManageValues,
    errors: FieldErrors = {},
    status = 200,
  ) =>
    sendPage(
      reply,
      <PersonForm
        ctx={pageContext(req, reply)}
        id={id}
        values={values}
        errors={errors}
        areas={await areaOptions(req, reply)}
        canLinkAccount={mayLinkAccount(req.user)}
      />,
      status,
    );

  const postPerson = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const values = keep(req.body);
    const raw = personFormRaw(req.body);
    const parsed = personFormInput.safeParse(raw);
    if (!parsed.success) {
      const keys: Record<string, string> = {};
      for (const issue of parsed.error.issues) keys[personFormField(issue.path, raw)] ??= issue.message;
      return showPerson(req, reply, id, values, translate(req, reply, keys), 400);
    }
    if (parsed.data.consentOn > todayInHelsinki())
      return showPerson(req, reply, id, values, translate(req, reply, { consentOn: "errors.consentFuture" }), 400);
    const result = await savePerson(db, req.user as NonNullable<typeof req.user>, id, parsed.data);
    if (!result.ok) {
      if (result.status === 404) throw new HttpError(404);
      return showPerson(req, reply, id, values, translate(req, reply, result.errors), 400);
    }
    return redirectAfterPost(reply, `${pathTo("person", req.locale, { id: result.id })}?saved=1`);
  };

  registerPage(app, "personNew", {
    get: async (req, reply) => {
      authorize(req.user, "directory.manage");
      return showPerson(req, reply, null, { consentOn: todayInHelsinki() });
    },
    post: async (req, reply) => {
      authorize(req.user, "directory.manage");
      return postPerson(req, reply, null);
    },
  });

  const personToEdit = async (req: FastifyRequest) => {
    authorize(req.user, "directory.manage");
    const params = idParam.safeParse(req.params);
    if (!params.success) throw new HttpError(404);
    const person = await personForEditing(db, params.data.id);
    // An erased entry is answered like one that does not exist.
    if (!person || person.erasedAt) throw new HttpError(404);
    if (!mayEditPerson(req.user, { userId: person.userId, erased: false })) throw new HttpError(403);
    return person;
  };

  registerPage(app, "personEdit", {
    get: async (req, reply) => {
      const p = await personToEdit(req);
      return showPerson(req, reply, p.id, {
        name: p.name ?? "",
        title: p.title ?? "",
        organisationBusinessId: p.organisationBusinessId ?? "",
        email: p.email ?? "",
        phone: p.phone ? formatPhone(p.phone) : "",
        visibility: p.visibility,
        consentOn: p.consentOn,
        accountEmail: p.accountEmail ?? "",
        ...projectRoleValues(p.projectRoles),
        areaRoles: p.areaRoles.map((a) => `${a.areaId}:${a.role}`),
      });
    },
    post: async (req, reply) => {
      const p = await personToEdit(req);
      return postPerson(req, reply, p.id);
    },
  });
}
