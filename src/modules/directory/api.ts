import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Executor } from "../../db/client.ts";
import { type ApiContext, type ApiInstance, apiErrorBody, listQueryParams, responses } from "../../web/api.ts";
import { translator } from "../../web/i18n.ts";
import { LOCALES, type Locale } from "../../web/locales.ts";
import { pathTo } from "../../web/paths.ts";
import { findOrganisation } from "../organisations/queries.ts";
import { ORGANISATION_TYPES, organisations } from "../organisations/schema.ts";
import { projectsOfOrganisation } from "../projects/queries.ts";
import { listCoordinationAreas, localName } from "../regions/queries.ts";
import { listPeoplePage, type PersonEntry, peopleOfOrganisation, SIMILARITY_THRESHOLD } from "./queries.ts";

/**
 * The directory's open JSON API (/api/v1/organisations, /api/v1/people). Like every API route it is
 * read without a session (src/app.ts loads none for /api, responses are cached publicly and CORS is
 * open), so it answers as to an anonymous visitor: people who chose "public" only, through the same
 * queries and per-row check (policy.maySeePerson) as the pages. A session cookie sent along changes
 * nothing (docs/decisions/0011).
 */

export const MAX_PAGE_SIZE = 100;
const lang = z
  .enum(LOCALES)
  .default("fi")
  .meta({
    description: "Language of the labels (organisation types, municipalities, areas, roles) and of the `html` links.",
    examples: ["sv"],
  });
const page = z.coerce
  .number()
  .int()
  .min(1)
  .max(10_000)
  .default(1)
  .meta({ description: "Page number, from 1.", examples: [2] });
const pageSize = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(20)
  .meta({ description: `Items per page, at most ${MAX_PAGE_SIZE}.`, examples: [50] });
const q = z
  .string()
  .trim()
  .max(200)
  .refine((v) => !/\p{Cc}/u.test(v), "Control characters are not allowed.")
  .default("");

export const organisationListQuery = z.strictObject({
  q: q.meta({ description: "Name (Finnish or Swedish, typo-tolerant) or business ID.", examples: ["diakonissalaitos"] }),
  type: z
    .enum(ORGANISATION_TYPES)
    .optional()
    .meta({ description: "Organisation type.", examples: ["ngo"] }),
  municipality: z
    .string()
    .regex(/^\d{3}$/)
    .optional()
    .meta({ description: "Home municipality code of Statistics Finland, three digits.", examples: ["091"] }),
  page,
  pageSize,
  lang,
});

export const peopleListQuery = z.strictObject({
  q: q.meta({ description: "Name, title or organisation (typo-tolerant).", examples: ["koordinaattori"] }),
  organisation: z.uuid().optional().meta({ description: "Only people of this organisation (its id)." }),
  area: z
    .string()
    .regex(/^[a-z0-9_-]{1,80}$/)
    .optional()
    .meta({ description: "Only coordinators and researchers of this coordination area.", examples: ["east"] }),
  page,
  pageSize,
  lang,
});

const reference = z.object({ id: z.string(), name: z.string() });

const organisationSummary = z
  .object({
    id: z.uuid(),
    name: z.object({ fi: z.string(), sv: z.string().nullable() }),
    businessId: z.string().nullable().describe("Finnish business ID (Y-tunnus), e.g. `0116480-8`."),
    type: reference,
    homeMunicipality: reference.nullable().describe("Home municipality (id: code of Statistics Finland)."),
    website: z.string().nullable(),
    html: z.string().describe("Address of the organisation's page."),
  })
  .meta({ id: "DirectoryOrganisation", description: "An organisation of the network directory." });

const person = z
  .object({
    id: z.uuid(),
    name: z.string(),
    title: z.string().nullable(),
    organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe("In E.164, e.g. `+358401234567`."),
    html: z.string(),
  })
  .meta({
    id: "DirectoryPerson",
    description: "A person of the directory who chose to be seen by everyone. Others are never listed, not even counted.",
  });

const personWithAreas = person
  .extend({
    areaRoles: z.array(z.object({ area: reference, role: reference })).describe("Coordinator or researcher of coordination areas."),
  })
  .meta({ id: "DirectoryPersonWithAreas" });

const organisationDetail = organisationSummary
  .extend({
    projects: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          role: reference.describe("`lead`, `co_implementer` or `partner`."),
          status: z.string(),
          plannedStart: z.iso.date().nullable(),
          plannedEnd: z.iso.date().nullable(),
        }),
      )
      .describe("Projects of the organisation by role, newest first."),
    people: z.array(person),
  })
  .meta({ id: "DirectoryOrganisationDetail" });

const listOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() }).meta({ id });

const idParams = z.strictObject({ id: z.uuid().meta({ description: "Organisation id." }) });

/** One page of organisations, optionally matching a name or business ID, a type and a home municipality. */
async function listOrganisationsPage(
  db: Executor,
  filter: { q: string; type?: string | undefined; municipality?: string | undefined },
  locale: Locale,
  paging: { offset: number; limit: number },
) {
  const conditions: SQL[] = [];
  const text = filter.q.toLowerCase();
  if (text)
    conditions.push(
      sql`(${organisations.businessId} = ${text} or word_similarity(${text}, ${organisations.nameFi}) >= ${SIMILARITY_THRESHOLD}
        or word_similarity(${text}, coalesce(${organisations.nameSv}, '')) >= ${SIMILARITY_THRESHOLD})`,
    );
  if (filter.type) conditions.push(sql`${organisations.type} = ${filter.type}`);
  if (filter.municipality) conditions.push(eq(organisations.homeMunicipalityCode, filter.municipality));
  const where = conditions.length ? and(...conditions) : undefined;
  const name = sql.raw(`name_${locale}`);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        nameFi: organisations.nameFi,
        nameSv: organisations.nameSv,
        businessId: organisations.businessId,
        type: organisations.type,
        website: organisations.website,
        municipalityCode: organisations.homeMunicipalityCode,
        municipality: sql<string | null>`(select ${name} from municipalities where code = ${organisations.homeMunicipalityCode})`,
      })
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.nameFi), asc(organisations.id))
      .offset(paging.offset)
      .limit(paging.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(organisations).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** GET /api/v1/organisations, /api/v1/organisations/{id}, /api/v1/people. */
export async function directoryApiRoutes(api: ApiInstance, { db, baseUrl, rateLimit }: ApiContext & { db: Db }) {
  const html = (path: string) => `${baseUrl}${path}`;
  const personOut = (p: PersonEntry, locale: Locale) => ({
    id: p.id,
    name: p.name,
    title: p.title,
    organisation: p.organisationId && p.organisationName ? { id: p.organisationId, name: p.organisationName } : null,
    email: p.email,
    phone: p.phone,
    html: html(pathTo("person", locale, { id: p.id })),
  });
  const orgOut = (
    o: { id: string; nameFi: string; nameSv: string | null; businessId: string | null; type: string; website: string | null },
    municipality: { id: string; name: string } | null,
    locale: Locale,
  ) => {
    const t = translator(locale);
    return {
      id: o.id,
      name: { fi: o.nameFi, sv: o.nameSv },
      businessId: o.businessId,
      type: { id: o.type, name: t(`organisationTypes.${o.type as "ngo"}`) },
      homeMunicipality: municipality,
      website: o.website,
      html: html(pathTo("organisation", locale, { id: o.id })),
    };
  };

  api.get(
    "/organisations",
    {
      schema: {
        operationId: "listOrganisations",
        tags: ["directory"],
        summary: "Search organisations",
        description:
          "Organisations of the network directory (implementers, partners and employers of people), by name, type or home municipality.",
        querystring: organisationListQuery,
        response: responses("One page of organisations, with the total.", listOf(organisationSummary, "DirectoryOrganisationList")),
      },
      preValidation: listQueryParams(organisationListQuery),
      config: { rateLimit },
    },
    async (req) => {
      const query = req.query;
      const result = await listOrganisationsPage(db, query, query.lang, {
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      return {
        items: result.rows.map((o) =>
          orgOut(o, o.municipalityCode ? { id: o.municipalityCode, name: o.municipality ?? o.municipalityCode } : null, query.lang),
        ),
        page: query.page,
        pageSize: query.pageSize,
        total: result.total,
      };
    },
  );

  api.get(
    "/organisations/:id",
    {
      schema: {
        operationId: "getOrganisation",
        tags: ["directory"],
        summary: "One organisation",
        description:
          "An organisation with its projects by role (lead, co-implementer, partner) and the people of it who chose to be public.",
        params: idParams,
        querystring: z.strictObject({ lang }),
        response: responses("The organisation.", organisationDetail, { notFound: true }),
      },
      config: { rateLimit },
    },
    async (req, reply) => {
      const locale = req.query.lang;
      const found = await findOrganisation(db, req.params.id, locale);
      if (!found) {
        return reply
          .status(404)
          .header("cache-control", "no-store")
          .send(apiErrorBody(404, { message: `No organisation with the id ${req.params.id}.` }));
      }
      const [[row], projects, people] = await Promise.all([
        db.select({ code: organisations.homeMunicipalityCode }).from(organisations).where(eq(organisations.id, found.id)),
        projectsOfOrganisation(db, found.id),
        // No viewer: the API answers as to an anonymous visitor.
        peopleOfOrganisation(db, null, found.id),
      ]);
      const t = translator(locale);
      return {
        ...orgOut(found, row?.code ? { id: row.code, name: found.homeMunicipality ?? row.code } : null, locale),
        projects: projects.map((p) => ({
          code: p.code,
          name: (locale === "sv" && p.nameSv) || (locale === "en" && p.nameEn) || p.nameFi,
          role: { id: p.role, name: t(`directory.orgRoles.${p.role}`) },
          status: p.status,
          plannedStart: p.plannedStart,
          plannedEnd: p.plannedEnd,
        })),
        people: people.map((p) => personOut(p, locale)),
      };
    },
  );

  api.get(
    "/people",
    {
      schema: {
        operationId: "listPeople",
        tags: ["directory"],
        summary: "Search people",
        description:
          "People of the network directory who chose to be seen by everyone (no one else is listed or counted), with their coordination-area roles. The API takes no session: it answers as to an anonymous visitor.",
        querystring: peopleListQuery,
        response: responses("One page of people, with the total.", listOf(personWithAreas, "DirectoryPersonList")),
      },
      preValidation: listQueryParams(peopleListQuery),
      config: { rateLimit },
    },
    async (req) => {
      const query = req.query;
      const locale = query.lang;
      const t = translator(locale);
      const [result, areas] = await Promise.all([
        listPeoplePage(
          db,
          null,
          { q: query.q, organisationId: query.organisation ?? null, areaId: query.area ?? null },
          { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
        ),
        listCoordinationAreas(db),
      ]);
      const areaName = new Map(areas.map((a) => [a.id, localName(a, locale)]));
      return {
        items: result.rows.map((p) => ({
          ...personOut(p, locale),
          areaRoles: p.areaRoles.map((a) => ({
            area: { id: a.areaId, name: areaName.get(a.areaId) ?? a.areaId },
            role: { id: a.role, name: t(`directory.areaRoles.${a.role}`) },
          })),
        })),
        page: query.page,
        pageSize: query.pageSize,
        total: result.total,
      };
    },
  );
}
