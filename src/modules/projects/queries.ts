import { asc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import type { OrganisationType } from "../organisations/schema.ts";
import { organisations } from "../organisations/schema.ts";
import type { Labels } from "./labels.ts";
import type { Status } from "./rules.ts";
import { projects } from "./schema.ts";

// Everything but the two search vectors, which only the search reads.
const { searchFi: _fi, searchSv: _sv, ...projectColumns } = getTableColumns(projects);

type Names = Record<string, string>;

/**
 * Everything public about one project in one statement (a project page is read far more often
 * than anything else): the row with its lead organisation; what it serves, its areas, target
 * groups, co-implementers and status history as arrays beside it; and the names, in the page's
 * language, of the reference rows it mentions.
 */
function prepareFind(db: Executor, locale: Locale) {
  const id = sql`${projects.id}`;
  const name = sql.raw(`name_${locale}`);
  const names = (table: string, key: string, where: SQL, label: SQL = sql`${name}`) =>
    sql`coalesce((select json_object_agg(${sql.raw(key)}, ${label}) from ${sql.raw(table)} where ${where}), '{}'::json)`;
  return db
    .select({
      project: projectColumns,
      lead: organisations,
      // The registry version of this read (schema.ts registryVersion): what the page shows beside
      // the project may be kept per version (directory/page-cache.ts).
      registryVersion: sql<string>`(select version::text from registry_version where id = 1)`,
      coImplementers: sql<
        { nameFi: string; businessId: string | null; type: OrganisationType; role: "co_implementer" | "partner" }[]
      >`coalesce((
        select json_agg(json_build_object('nameFi', o.name_fi, 'businessId', o.business_id, 'type', o.type, 'role', c.role) order by c.role, o.name_fi)
        from project_co_implementers c join organisations o on o.id = c.organisation_id where c.project_id = ${id}), '[]'::json)`,
      municipalityCodes: sql<string[]>`array(select municipality_code from project_municipalities where project_id = ${id})`,
      maakuntaCodes: sql<string[]>`array(select maakunta_code from project_maakunnat where project_id = ${id})`,
      areaIds: sql<string[]>`array(select area_id from project_areas where project_id = ${id})`,
      targetGroupIds: sql<string[]>`array(select target_group_id from project_target_groups where project_id = ${id})`,
      history: sql<{ status: Status; changedOn: string }[]>`coalesce((
        select json_agg(json_build_object('status', h.status, 'changedOn', h.changed_on) order by h.changed_on)
        from project_status_history h where h.project_id = ${id}), '[]'::json)`,
      names: sql<Record<keyof Labels, Names>>`json_build_object(
        'area', ${names("areas", "id", sql`id in (select area_id from project_areas where project_id = ${id})`)},
        'maakunta', ${names("maakunnat", "code", sql`code in (select maakunta_code from project_maakunnat where project_id = ${id})`)},
        'municipality', ${names("municipalities", "code", sql`code in (select municipality_code from project_municipalities where project_id = ${id})`)},
        'actionArea', ${names("action_areas", "id", sql`id = ${projects.actionAreaId}`)},
        'funder', ${names("funders", "id", sql`id = ${projects.funderId}`)},
        'targetGroup', ${names("target_groups", "id", sql`id in (select target_group_id from project_target_groups where project_id = ${id})`)},
        'programme', ${names("programmes", "id", sql`id = ${projects.programmeId}`)},
        'objective', ${names("specific_objectives", "id", sql`id = ${projects.objectiveId}`, sql`code || ' ' || ${name}`)})`,
    })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.leadOrganisationId))
    .where(eq(projects.code, sql.placeholder("code")))
    .limit(1)
    .prepare(`find_project_by_code_${locale}`);
}
const prepared = new WeakMap<Executor, Map<Locale, ReturnType<typeof prepareFind>>>();

/** One project with the labels its page needs (a subset of loadLabels'), or null. */
export async function findProjectByCode(db: Executor, code: string, locale: Locale) {
  let perLocale = prepared.get(db);
  if (!perLocale) {
    perLocale = new Map();
    prepared.set(db, perLocale);
  }
  let query = perLocale.get(locale);
  if (!query) {
    query = prepareFind(db, locale);
    perLocale.set(locale, query);
  }
  const [row] = await query.execute({ code });
  if (!row) return null;
  const { names, ...details } = row;
  const labels = Object.fromEntries(
    Object.entries(names).map(([kind, byKey]) => [kind, new Map(Object.entries(byKey))]),
  ) as unknown as Labels;
  return { details, labels };
}
export type ProjectDetails = NonNullable<Awaited<ReturnType<typeof findProjectByCode>>>["details"];

/** A project as other modules list it (directory, partner finder): code, names, status, dates, areas. */
export interface ProjectListing {
  id: string;
  code: string;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  status: Status;
  plannedStart: string | null;
  plannedEnd: string | null;
  areaIds: string[];
  maakuntaCodes: string[];
}

const listingColumns = {
  id: projects.id,
  code: projects.code,
  nameFi: projects.nameFi,
  nameSv: projects.nameSv,
  nameEn: projects.nameEn,
  status: projects.status,
  plannedStart: projects.plannedStart,
  plannedEnd: projects.plannedEnd,
  areaIds: sql<string[]>`array(select area_id from project_areas where project_id = ${projects.id} order by area_id)`,
  maakuntaCodes: sql<string[]>`array(select maakunta_code from project_maakunnat where project_id = ${projects.id} order by maakunta_code)`,
};

/** The projects an organisation leads or co-implements, newest first, with its role in each. */
export async function projectsOfOrganisation(
  db: Executor,
  organisationId: string,
): Promise<(ProjectListing & { role: "lead" | "co_implementer" | "partner" })[]> {
  const rows = await db
    .select({
      ...listingColumns,
      role: sql<"lead" | "co_implementer" | "partner">`case when ${projects.leadOrganisationId} = ${organisationId} then 'lead'
        else coalesce((select c.role from project_co_implementers c where c.project_id = ${projects.id} and c.organisation_id = ${organisationId}), 'co_implementer') end`,
    })
    .from(projects)
    .where(
      sql`${projects.leadOrganisationId} = ${organisationId} or ${projects.id} in (select project_id from project_co_implementers where organisation_id = ${organisationId})`,
    )
    .orderBy(sql`${projects.plannedStart} desc nulls last`, projects.code);
  return rows;
}

/** Projects by id (any order), for listing what other records refer to. */
export async function projectListingsByIds(db: Executor, ids: readonly string[]): Promise<ProjectListing[]> {
  if (ids.length === 0) return [];
  return db
    .select(listingColumns)
    .from(projects)
    .where(inArray(projects.id, [...ids]));
}

/** The id, areas, action area, target groups and summaries of one project (the partner finder's source). */
export async function projectForMatching(db: Executor, code: string) {
  const [row] = await db
    .select({
      id: projects.id,
      code: projects.code,
      nameFi: projects.nameFi,
      nameSv: projects.nameSv,
      nameEn: projects.nameEn,
      summaryFi: projects.summaryFi,
      summarySv: projects.summarySv,
      actionAreaId: projects.actionAreaId,
      areaIds: sql<string[]>`array(select area_id from project_areas where project_id = ${projects.id})`,
      targetGroupIds: sql<string[]>`array(select target_group_id from project_target_groups where project_id = ${projects.id})`,
    })
    .from(projects)
    .where(eq(projects.code, code))
    .limit(1);
  return row ?? null;
}

/** At most this many projects in one network picture (the newest first): a picture of more says nothing. */
export const NETWORK_PROJECT_LIMIT = 60;

/**
 * The projects of an area or a target group (or both) with their lead and co-implementing
 * organisations, newest first, for the network picture.
 */
export async function projectNetwork(db: Executor, filter: { areaId: string | null; targetGroupId: string | null }) {
  const conditions: SQL[] = [];
  if (filter.areaId) conditions.push(sql`${projects.id} in (select project_id from project_areas where area_id = ${filter.areaId})`);
  if (filter.targetGroupId)
    conditions.push(sql`${projects.id} in (select project_id from project_target_groups where target_group_id = ${filter.targetGroupId})`);
  if (conditions.length === 0) return [];
  return db
    .select({
      code: projects.code,
      nameFi: projects.nameFi,
      nameSv: projects.nameSv,
      nameEn: projects.nameEn,
      status: projects.status,
      organisations: sql<{ id: string; nameFi: string; nameSv: string | null; role: "lead" | "co_implementer" | "partner" }[]>`(
        select json_agg(json_build_object('id', o.id, 'nameFi', o.name_fi, 'nameSv', o.name_sv, 'role', x.role) order by x.role desc, o.name_fi)
        from (select ${projects.leadOrganisationId} as organisation_id, 'lead' as role
              union all select organisation_id, role from project_co_implementers where project_id = ${projects.id}) x
        join organisations o on o.id = x.organisation_id)`,
    })
    .from(projects)
    .where(sql.join(conditions, sql` and `))
    .orderBy(sql`${projects.plannedStart} desc nulls last`, projects.code)
    .limit(NETWORK_PROJECT_LIMIT);
}

/** The projects of a programme, a coordination area or an action area (for pooled survey results), by name. */
export async function projectsInGroup(
  db: Executor,
  locale: Locale,
  group: { kind: "programme" | "area" | "actionArea"; id: string },
): Promise<{ id: string; code: string; name: string }[]> {
  const name = sql<string>`coalesce(${sql.raw(locale === "fi" ? "name_fi" : `name_${locale}`)}, name_fi)`;
  const where =
    group.kind === "programme"
      ? eq(projects.programmeId, group.id)
      : group.kind === "actionArea"
        ? eq(projects.actionAreaId, group.id)
        : sql`projects.id in (select pa.project_id from project_areas pa where pa.area_id = ${group.id})`;
  return db.select({ id: projects.id, code: projects.code, name }).from(projects).where(where).orderBy(asc(projects.code));
}

/**
 * Projects running on a day (their status on that day, read from the dated status history, as the
 * portfolio does) per maakunta they serve (a project serving two maakunnat counts in both), with the
 * action areas present, for the indicators module's "need and projects" view. Demo projects are
 * counted and said to be (`demo`).
 */
export async function runningProjectsByMaakunta(
  db: Executor,
  locale: Locale,
  day: string,
): Promise<{ maakuntaCode: string; projects: number; demo: number; actionAreas: string[] }[]> {
  const name = sql.raw(`a.name_${locale}`);
  const result = await db.execute(sql`
    with on_day as (
      select distinct on (h.project_id) h.project_id, h.status
      from project_status_history h
      where h.changed_on <= ${day}::date
      order by h.project_id, h.changed_on desc
    )
    select pm.maakunta_code as "maakuntaCode", count(distinct p.id)::int as projects,
           count(distinct p.id) filter (where p.is_demo)::int as demo,
           coalesce(array_agg(distinct ${name}) filter (where a.id is not null), '{}') as "actionAreas"
    from on_day d
    join projects p on p.id = d.project_id
    -- A maakunta served directly or through one of its municipalities (counted once).
    join (select project_id, maakunta_code from project_maakunnat
          union select pm.project_id, m.maakunta_code from project_municipalities pm
            join municipalities m on m.code = pm.municipality_code) pm on pm.project_id = p.id
    left join action_areas a on a.id = p.action_area_id
    where d.status = 'running'
    group by pm.maakunta_code`);
  return (result as unknown as { rows: { maakuntaCode: string; projects: number; demo: number; actionAreas: string[] }[] }).rows;
}
