import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { OrganisationType } from "../organisations/schema.ts";
import { organisations } from "../organisations/schema.ts";
import type { Status } from "./rules.ts";
import { projects } from "./schema.ts";

// Everything but the two search vectors, which only the search reads.
const { searchFi: _fi, searchSv: _sv, ...projectColumns } = getTableColumns(projects);

function prepareFind(db: Executor) {
  const id = sql`${projects.id}`;
  return db
    .select({
      project: projectColumns,
      lead: organisations,
      coImplementers: sql<{ nameFi: string; businessId: string | null; type: OrganisationType }[]>`coalesce((
        select json_agg(json_build_object('nameFi', o.name_fi, 'businessId', o.business_id, 'type', o.type) order by o.name_fi)
        from project_co_implementers c join organisations o on o.id = c.organisation_id where c.project_id = ${id}), '[]'::json)`,
      municipalityCodes: sql<string[]>`array(select municipality_code from project_municipalities where project_id = ${id})`,
      maakuntaCodes: sql<string[]>`array(select maakunta_code from project_maakunnat where project_id = ${id})`,
      areaIds: sql<string[]>`array(select area_id from project_areas where project_id = ${id})`,
      targetGroupIds: sql<string[]>`array(select target_group_id from project_target_groups where project_id = ${id})`,
      history: sql<{ status: Status; changedOn: string }[]>`coalesce((
        select json_agg(json_build_object('status', h.status, 'changedOn', h.changed_on) order by h.changed_on)
        from project_status_history h where h.project_id = ${id}), '[]'::json)`,
    })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.leadOrganisationId))
    .where(eq(projects.code, sql.placeholder("code")))
    .limit(1)
    .prepare("find_project_by_code");
}
const prepared = new WeakMap<Executor, ReturnType<typeof prepareFind>>();

/**
 * Everything public about one project, or null — in one prepared statement (a project page is read
 * far more often than anything else): the row with its lead organisation, and what it serves, its
 * areas, target groups, co-implementers and status history as arrays beside it.
 */
export async function findProjectByCode(db: Executor, code: string) {
  let query = prepared.get(db);
  if (!query) {
    query = prepareFind(db);
    prepared.set(db, query);
  }
  const [row] = await query.execute({ code });
  return row ?? null;
}
export type ProjectDetails = NonNullable<Awaited<ReturnType<typeof findProjectByCode>>>;
