import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { authorize, can, mayEditPerson } from "../../policy.ts";
import { todayInHelsinki } from "../../time.ts";
import { type FieldErrors, type FormValues, fieldErrors, keepValues } from "../../web/form.tsx";
import { HttpError } from "../../web/http-error.ts";
import { pageContext, registerPage } from "../../web/pages.ts";
import { pathTo } from "../../web/paths.ts";
import { redirectAfterPost, sendPage } from "../../web/render.ts";
import { clearSessionCookie } from "../accounts/session.ts";
import { findOrganisation } from "../organisations/queries.ts";
import { loadLabels } from "../projects/labels.ts";
import { NETWORK_PROJECT_LIMIT, projectListingsByIds, projectNetwork, projectsOfOrganisation } from "../projects/queries.ts";
import { listCoordinationAreas, localName } from "../regions/queries.ts";
import { formatPhone } from "./contact.ts";
import { eraseInput, ownEntryInput, partnerQuery } from "./inputs.ts";
import { personForEditing } from "./manage-service.ts";
import { buildGraph, type NetworkProject, organisationsWithProjects } from "./network.ts";
import { findPartners } from "./partner-finder.ts";
import {
  areaRolesOfPerson,
  contactsOfAreas,
  findArea,
  findPerson,
  peopleOfOrganisation,
  rolesOfPerson,
  searchDirectory,
} from "./queries.ts";
import { eraseOwnData, ownData, saveOwnEntry } from "./service.ts";
import { AreaPage, DirectoryPage, OrganisationPage, PersonPage } from "./views/directory-pages.tsx";
import { NetworkPage } from "./views/network-page.tsx";
import { OwnDataErasedPage, OwnDataPage, OwnEntryForm } from "./views/own-data.tsx";
import { PartnerPage } from "./views/partner-page.tsx";

const idParam = z.object({ id: z.uuid() });
const areaParam = z.object({ id: z.string().regex(/^[a-z0-9_-]{1,80}$/) });
const searchQuery = z.object({
  q: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) =>
      (v ?? "")
        .replace(/\p{Cc}/gu, " ")
        .trim()
        .slice(0, 200),
    ),
});

const networkQuery = z.object({
  area: z
    .string()
    .regex(/^[a-z0-9_-]{1,80}$/)
    .optional()
    .catch(undefined),
  targetGroup: z
    .string()
    .regex(/^[a-z0-9_-]{1,100}$/)
    .optional()
    .catch(undefined),
});

const translate = (keys: Record<string, string | undefined>, t: ReturnType<typeof pageContext>["t"]): FieldErrors =>
  Object.fromEntries(Object.entries(keys).flatMap(([f, k]) => (k ? [[f, t(k as "errors.invalid")]] : [])));

/** The network directory: search, organisation, person and area pages, the partner finder and one's own data. */
export async function directoryRoutes(app: FastifyInstance, { db }: { db: Db }) {
  registerPage(app, "directory", {
    get: async (req, reply) => {
      const { q } = searchQuery.parse(req.query ?? {});
      const results = q ? await searchDirectory(db, req.user, q, req.locale) : null;
      return sendPage(reply, <DirectoryPage ctx={pageContext(req, reply)} q={q} results={results} />);
    },
  });

  registerPage(app, "organisation", {
    get: async (req, reply) => {
      const params = idParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const organisation = await findOrganisation(db, params.data.id, req.locale);
      if (!organisation) throw new HttpError(404);
      const [projects, people, labels] = await Promise.all([
        projectsOfOrganisation(db, params.data.id),
        peopleOfOrganisation(db, req.user, params.data.id),
        loadLabels(db, req.locale),
      ]);
      return sendPage(
        reply,
        <OrganisationPage
          ctx={pageContext(req, reply)}
          organisation={organisation}
          projects={projects}
          people={people}
          areaNames={labels.area}
          maakuntaNames={labels.maakunta}
          editPath={can(req.user, "directory.manage") ? pathTo("organisationEdit", req.locale, { id: params.data.id }) : null}
          saved={Boolean((req.query as Record<string, unknown> | undefined)?.saved)}
        />,
      );
    },
  });

  registerPage(app, "person", {
    get: async (req, reply) => {
      const params = idParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      // A person the viewer may not see is answered like one that does not exist.
      const person = await findPerson(db, req.user, params.data.id);
      if (!person) throw new HttpError(404);
      const [roles, areaRoles, areas] = await Promise.all([
        rolesOfPerson(db, person.id),
        areaRolesOfPerson(db, person.id),
        listCoordinationAreas(db),
      ]);
      const areaName = new Map(areas.map((a) => [a.id, localName(a, req.locale)]));
      const projects = new Map((await projectListingsByIds(db, [...new Set(roles.map((r) => r.projectId))])).map((p) => [p.id, p]));
      const withProjects = roles.flatMap((r) => {
        const project = projects.get(r.projectId);
        return project ? [{ project, role: r.role }] : [];
      });
      // The edit link only for those who may edit this entry (policy.mayEditPerson).
      const editable = can(req.user, "directory.manage") ? await personForEditing(db, person.id) : null;
      const editPath =
        editable && mayEditPerson(req.user, { userId: editable.userId, erased: editable.erasedAt !== null })
          ? pathTo("personEdit", req.locale, { id: person.id })
          : null;
      return sendPage(
        reply,
        <PersonPage
          ctx={pageContext(req, reply)}
          person={person}
          roles={withProjects}
          areaRoles={areaRoles.map((a) => ({ ...a, areaName: areaName.get(a.areaId) ?? a.areaId }))}
          editPath={editPath}
          saved={Boolean((req.query as Record<string, unknown> | undefined)?.saved)}
        />,
      );
    },
  });

  registerPage(app, "area", {
    get: async (req, reply) => {
      const params = areaParam.safeParse(req.params);
      if (!params.success) throw new HttpError(404);
      const area = await findArea(db, params.data.id, req.locale);
      if (!area) throw new HttpError(404);
      const contacts = await contactsOfAreas(db, req.user, [area.id]);
      return sendPage(reply, <AreaPage ctx={pageContext(req, reply)} area={area} contacts={contacts} />);
    },
  });

  /** The projects of the chosen area or theme with their organisations' names in the page's language. */
  const networkProjects = async (req: FastifyRequest) => {
    const q = networkQuery.parse(req.query ?? {});
    const filter = { area: q.area ?? "", targetGroup: q.targetGroup ?? "" };
    if (!filter.area && !filter.targetGroup) return { filter, projects: null };
    const rows = await projectNetwork(db, { areaId: filter.area || null, targetGroupId: filter.targetGroup || null });
    const projects: NetworkProject[] = rows.map((r) => ({
      code: r.code,
      name: (req.locale === "sv" && r.nameSv) || (req.locale === "en" && r.nameEn) || r.nameFi,
      organisations: (r.organisations ?? []).map((o) => ({ id: o.id, name: (req.locale === "sv" && o.nameSv) || o.nameFi, role: o.role })),
    }));
    return { filter, projects };
  };

  registerPage(app, "network", {
    get: async (req, reply) => {
      const [{ filter, projects }, areas, labels] = await Promise.all([
        networkProjects(req),
        listCoordinationAreas(db),
        loadLabels(db, req.locale),
      ]);
      return sendPage(
        reply,
        <NetworkPage
          ctx={pageContext(req, reply)}
          filter={filter}
          areas={areas.map((a) => ({ value: a.id, label: localName(a, req.locale) }))}
          targetGroups={[...labels.targetGroup].map(([value, label]) => ({ value, label }))}
          list={projects ? organisationsWithProjects(projects) : null}
          projectCount={projects?.length ?? 0}
          limit={NETWORK_PROJECT_LIMIT}
        />,
      );
    },
  });

  registerPage(app, "networkJson", {
    get: async (req, reply) => {
      const { projects } = await networkProjects(req);
      return reply.type("application/json; charset=utf-8").send(buildGraph(projects ?? []));
    },
  });

  registerPage(app, "partners", {
    get: async (req, reply) => {
      const query = partnerQuery.parse(req.query ?? {});
      const asked = Boolean(query.project || query.text.trim() || query.targetGroup.length || query.actionArea);
      const [labels, result] = await Promise.all([loadLabels(db, req.locale), asked ? findPartners(db, query) : Promise.resolve(null)]);
      const options = (m: Map<string, string>) =>
        [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, req.locale));
      return sendPage(
        reply,
        <PartnerPage
          ctx={pageContext(req, reply)}
          query={query}
          result={result}
          targetGroups={options(labels.targetGroup)}
          actionAreas={options(labels.actionArea)}
          areaNames={labels.area}
        />,
      );
    },
  });

  const showOwn = async (req: FastifyRequest, reply: FastifyReply, extra: { eraseError?: string } = {}, status = 200) => {
    authorize(req.user, "directory.ownData");
    const data = await ownData(db, req.user.id);
    if (!data) throw new HttpError(404);
    const q = (req.query ?? {}) as Record<string, unknown>;
    const notice = q.saved ? "saved" : q.erased ? "erased" : null;
    return sendPage(reply, <OwnDataPage ctx={pageContext(req, reply)} data={data} notice={notice} {...extra} />, status);
  };

  registerPage(app, "ownData", { get: (req, reply) => showOwn(req, reply) });

  registerPage(app, "ownDataJson", {
    get: async (req, reply) => {
      authorize(req.user, "directory.ownData");
      const data = await ownData(db, req.user.id);
      if (!data) throw new HttpError(404);
      return reply
        .type("application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="sokra-my-data-${todayInHelsinki()}.json"`)
        .header("cache-control", "no-store")
        .send(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2));
    },
  });

  const showForm = async (req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldErrors = {}, status = 200) =>
    sendPage(reply, <OwnEntryForm ctx={pageContext(req, reply)} values={values} errors={errors} />, status);

  registerPage(app, "ownDataEdit", {
    get: async (req, reply) => {
      authorize(req.user, "directory.ownData");
      const data = await ownData(db, req.user.id);
      const e = data?.directoryEntry;
      const values: FormValues = e
        ? {
            name: e.name ?? "",
            title: e.title ?? "",
            organisationBusinessId: e.organisationBusinessId ?? "",
            email: e.email ?? "",
            phone: e.phone ? formatPhone(e.phone) : "",
            visibility: e.visibility,
          }
        : { name: req.user.name, email: req.user.email };
      return showForm(req, reply, values);
    },
    post: async (req, reply) => {
      authorize(req.user, "directory.ownData");
      const t = pageContext(req, reply).t;
      const values = keepValues(req.body);
      const parsed = ownEntryInput.safeParse(req.body ?? {});
      if (!parsed.success) return showForm(req, reply, values, fieldErrors(parsed.error, t), 400);
      const result = await saveOwnEntry(db, req.user, parsed.data, todayInHelsinki());
      if (!result.ok) return showForm(req, reply, values, translate(result.errors, t), 400);
      return redirectAfterPost(reply, `${pathTo("ownData", req.locale)}?saved=1`);
    },
  });

  // Public: after erasure the user is no longer signed in.
  registerPage(app, "ownDataErased", {
    get: async (req, reply) => sendPage(reply, <OwnDataErasedPage ctx={pageContext(req, reply)} />),
  });

  registerPage(app, "ownDataErase", {
    post: async (req, reply) => {
      authorize(req.user, "directory.ownData");
      const parsed = eraseInput.safeParse(req.body ?? {});
      if (!parsed.success) return showOwn(req, reply, { eraseError: pageContext(req, reply).t("errors.eraseConfirm") }, 400);
      const result = await eraseOwnData(db, req.user);
      if (!result.ok && result.reason === "lastAdmin")
        return showOwn(req, reply, { eraseError: pageContext(req, reply).t("errors.lastAdminErase") }, 409);
      // The account is closed: the session is gone, and so is the cookie.
      clearSessionCookie(reply, req.protocol === "https");
      return redirectAfterPost(reply, pathTo("ownDataErased", req.locale));
    },
  });
}
