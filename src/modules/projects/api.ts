import type { Db } from "../../db/client.ts";
import { API_PREFIX, type ApiContext, type ApiInstance, apiErrorBody, listQueryParams, responses } from "../../web/api.ts";
import { type T, translator } from "../../web/i18n.ts";
import type { Locale } from "../../web/locales.ts";
import { pathTo } from "../../web/paths.ts";
import { type ApiListRow, listProjectsPage } from "./api-queries.ts";
import {
  codeParams,
  type ListQuery,
  listQuery,
  type ProjectDetail,
  type ProjectSummary,
  projectDetail,
  projectList,
} from "./api-schemas.ts";
import type { Labels } from "./labels.ts";
import { labelsAt } from "./labels.ts";
import { findProjectByCode, type ProjectDetails } from "./queries.ts";
import { normaliseProjectCode } from "./rules.ts";
import { FACETS, type Facet, type SearchParams } from "./search.ts";

/** The search of the HTML page for the same filters (the API's paging is separate). */
export function toSearchParams(query: ListQuery): SearchParams {
  const { q, area, maakunta, actionArea, status, funder, targetGroup, startYear, orgType, sort } = query;
  return { q, area, maakunta, actionArea, status, funder, targetGroup, startYear, orgType, sort, page: 1 };
}

/** Labels of one language for everything a project refers to. */
class Labeller {
  readonly t: T;
  constructor(
    readonly labels: Labels,
    readonly locale: Locale,
    private readonly baseUrl: string,
  ) {
    this.t = translator(locale);
  }

  ref(map: keyof Labels, id: string) {
    return { id, name: this.labels[map].get(id) ?? id };
  }
  refOrNull(map: keyof Labels, id: string | null) {
    return id === null ? null : this.ref(map, id);
  }
  status(id: string) {
    return { id, name: this.t(`projects.status.${id as "running"}`) };
  }
  scope(id: string) {
    return { id, name: this.t(`projects.scope.${id as "local"}`) };
  }
  organisation(o: { name: string; businessId: string | null; type: string }) {
    return { name: o.name, businessId: o.businessId, type: { id: o.type, name: this.t(`organisationTypes.${o.type as "ngo"}`) } };
  }
  facetValue(facet: Facet, value: string): string {
    switch (facet) {
      case "status":
        return this.status(value).name;
      case "orgType":
        return this.t(`organisationTypes.${value as "ngo"}`);
      case "startYear":
        return value;
      default:
        return this.labels[facet].get(value) ?? value;
    }
  }
  links(code: string) {
    return {
      self: `${this.baseUrl}${API_PREFIX}/projects/${encodeURIComponent(code)}`,
      html: `${this.baseUrl}${pathTo("project", this.locale, { code })}`,
    };
  }
}

function summaryOf(r: ApiListRow, l: Labeller): ProjectSummary {
  return {
    code: r.code,
    name: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn },
    status: l.status(r.status),
    programme: l.ref("programme", r.programmeId),
    actionArea: l.refOrNull("actionArea", r.actionAreaId),
    scope: l.scope(r.scope),
    funder: l.refOrNull("funder", r.funderId),
    lead: r.lead ? l.organisation(r.lead) : null,
    areas: r.areaIds.map((a) => l.ref("area", a)),
    targetGroups: r.targetGroupIds.map((g) => l.ref("targetGroup", g)),
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    actualStart: r.actualStart,
    actualEnd: r.actualEnd,
    budget: { total: r.budgetTotal, publicFunding: r.publicFunding },
    isDemo: r.isDemo,
    links: l.links(r.code),
  };
}

function detailOf(d: ProjectDetails, l: Labeller): ProjectDetail {
  const p = d.project;
  const sorted = (ids: string[]) => [...ids].sort();
  const summary = summaryOf(
    {
      code: p.code,
      nameFi: p.nameFi,
      nameSv: p.nameSv,
      nameEn: p.nameEn,
      status: p.status,
      programmeId: p.programmeId,
      actionAreaId: p.actionAreaId,
      scope: p.scope,
      funderId: p.funderId,
      lead: d.lead ? { name: d.lead.nameFi, businessId: d.lead.businessId, type: d.lead.type } : null,
      plannedStart: p.plannedStart,
      plannedEnd: p.plannedEnd,
      actualStart: p.actualStart,
      actualEnd: p.actualEnd,
      budgetTotal: p.budgetTotal,
      publicFunding: p.publicFunding,
      areaIds: sorted(d.areaIds),
      targetGroupIds: sorted(d.targetGroupIds),
      isDemo: p.isDemo,
    },
    l,
  );
  return {
    ...summary,
    summary: { fi: p.summaryFi, sv: p.summarySv, en: p.summaryEn },
    objective: l.refOrNull("objective", p.objectiveId),
    served: {
      wholeCountry: p.scope === "national",
      maakunnat: sorted(d.maakuntaCodes).map((c) => l.ref("maakunta", c)),
      municipalities: sorted(d.municipalityCodes).map((c) => l.ref("municipality", c)),
    },
    coImplementers: d.coImplementers
      .filter((c) => c.role === "co_implementer")
      .map((c) => l.organisation({ name: c.nameFi, businessId: c.businessId, type: c.type })),
    partners: d.coImplementers
      .filter((c) => c.role === "partner")
      .map((c) => l.organisation({ name: c.nameFi, businessId: c.businessId, type: c.type })),
    participants: {
      planned: { women: p.participantsPlannedWomen, men: p.participantsPlannedMen, other: p.participantsPlannedOther },
      actual: { women: p.participantsActualWomen, men: p.participantsActualMen, other: p.participantsActualOther },
    },
    website: p.website,
    contact: { name: p.contactName, email: p.contactEmail, phone: p.contactPhone },
    statusHistory: d.history.map((h) => ({ status: l.status(h.status), changedOn: h.changedOn })),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** GET /api/v1/projects and /api/v1/projects/{code}: the public registry, read-only. */
export async function projectApiRoutes(api: ApiInstance, { db, baseUrl, rateLimit }: ApiContext & { db: Db }) {
  api.get(
    "/projects",
    {
      schema: {
        operationId: "listProjects",
        tags: ["projects"],
        summary: "Search projects",
        description:
          "The public project search as JSON: the same filters, text search and order as the search page (`/fi/hankkeet`), with a page size of your choice.",
        querystring: listQuery,
        response: responses("One page of the projects that match, with the total.", projectList),
      },
      preValidation: listQueryParams(listQuery),
      config: { rateLimit },
    },
    async (req) => {
      const query = req.query;
      const params = toSearchParams(query);
      const page = await listProjectsPage(db, params, query.lang, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
      const labels = await labelsAt(db, page.version, query.lang);
      const l = new Labeller(labels, query.lang, baseUrl);
      return {
        items: page.rows.map((r) => summaryOf(r, l)),
        page: query.page,
        pageSize: query.pageSize,
        total: page.total,
        ...(query.facets
          ? {
              facets: Object.fromEntries(
                FACETS.map((f) => [f, page.facets[f].map((v) => ({ id: v.value, name: l.facetValue(f, v.value), count: v.count }))]),
              ) as Record<Facet, { id: string; name: string; count: number }[]>,
            }
          : {}),
      };
    },
  );

  api.get(
    "/projects/:code",
    {
      schema: {
        operationId: "getProject",
        tags: ["projects"],
        summary: "One project",
        description:
          "Everything public about one project, as on its project page: served regions, derived areas, organisations, budget, participants and status history.",
        params: codeParams,
        querystring: listQuery.pick({ lang: true }),
        response: responses("The project.", projectDetail, { notFound: true }),
      },
      config: { rateLimit },
    },
    async (req, reply) => {
      const found = await findProjectByCode(db, normaliseProjectCode(req.params.code), req.query.lang);
      if (!found) {
        return reply
          .status(404)
          .header("cache-control", "no-store")
          .send(apiErrorBody(404, { message: `No project with the code ${normaliseProjectCode(req.params.code)}.` }));
      }
      // The names of the reference rows this project mentions, in the asked language.
      return detailOf(found.details, new Labeller(found.labels, req.query.lang, baseUrl));
    },
  );
}
