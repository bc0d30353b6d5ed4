import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { type Found, findProjects, type SearchParams } from "./search.ts";

/** One project of an API list page: the columns of the list item, ids not yet labelled. */
export interface ApiListRow {
  code: string;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  status: string;
  programmeId: string;
  actionAreaId: string | null;
  scope: string;
  funderId: string | null;
  lead: { name: string; businessId: string | null; type: string } | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  budgetTotal: number | null;
  publicFunding: number | null;
  areaIds: string[];
  targetGroupIds: string[];
  isDemo: boolean;
}

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (r as { rows: Row[] }).rows;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * One page of the search with any page size, in the search's own filter and order (search.ts), with
 * the total and the facet counts. The HTML search pages by a fixed 20; the API lets the client choose up to 100.
 */
export async function listProjectsPage(
  db: Executor,
  params: SearchParams,
  locale: Locale,
  page: { offset: number; limit: number },
): Promise<{ rows: ApiListRow[]; total: number; facets: Found["facets"]; version: string }> {
  const found = await findProjects(db, params, locale, page);
  const rows = found.ids.length
    ? await db.execute(sql`select p.code, p.name_fi, p.name_sv, p.name_en, p.status::text as status, p.programme_id, p.action_area_id,
        p.scope::text as scope, p.funder_id, o.name_fi as lead_name, o.business_id as lead_business_id, o.type::text as lead_type,
        p.planned_start::text as planned_start, p.planned_end::text as planned_end,
        p.actual_start::text as actual_start, p.actual_end::text as actual_end,
        p.budget_total, p.public_funding, p.is_demo,
        coalesce((select array_agg(area_id order by area_id) from project_areas where project_id = p.id), '{}') as area_ids,
        coalesce((select array_agg(target_group_id order by target_group_id) from project_target_groups where project_id = p.id), '{}') as target_group_ids
      from unnest(${`{${found.ids.join(",")}}`}::uuid[]) with ordinality as found(id, ord) join projects p on p.id = found.id
        left join organisations o on o.id = p.lead_organisation_id
      order by found.ord`)
    : { rows: [] };
  return {
    version: found.version,
    total: found.total,
    facets: found.facets,
    rows: rowsOf(rows).map((r) => ({
      code: String(r.code),
      nameFi: String(r.name_fi),
      nameSv: text(r.name_sv),
      nameEn: text(r.name_en),
      status: String(r.status),
      programmeId: String(r.programme_id),
      actionAreaId: text(r.action_area_id),
      scope: String(r.scope),
      funderId: text(r.funder_id),
      lead:
        r.lead_name === null || r.lead_name === undefined
          ? null
          : { name: String(r.lead_name), businessId: text(r.lead_business_id), type: String(r.lead_type) },
      plannedStart: text(r.planned_start),
      plannedEnd: text(r.planned_end),
      actualStart: text(r.actual_start),
      actualEnd: text(r.actual_end),
      budgetTotal: num(r.budget_total),
      publicFunding: num(r.public_funding),
      areaIds: (r.area_ids as string[] | null) ?? [],
      targetGroupIds: (r.target_group_ids as string[] | null) ?? [],
      isDemo: Boolean(r.is_demo),
    })),
  };
}
