/**
 * The project search as one SQL statement, as it ran before the facets moved into memory
 * (docs/decisions/0009, 0010): the reference that search.test.ts compares findProjects() with.
 * Not used by the product.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../src/db/client.ts";
import {
  FACETS,
  type Facet,
  PAGE_SIZE,
  type SearchParams,
  type SearchResult,
  searchLocalName,
  searchRelevance,
  searchTextCondition,
} from "../../src/modules/projects/search.ts";
import type { Locale } from "../../src/web/locales.ts";

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The SQL condition of one facet's chosen values (OR within a facet). */
function facetCondition(facet: Facet, values: string[]): SQL {
  switch (facet) {
    case "area":
      return sql`p.id in (select project_id from project_areas where area_id in (${list(values)}))`;
    case "maakunta":
      return sql`(p.id in (select project_id from project_maakunnat where maakunta_code in (${list(values)}))
        or p.id in (select pm.project_id from project_municipalities pm join municipalities m on m.code = pm.municipality_code where m.maakunta_code in (${list(values)})))`;
    case "actionArea":
      return sql`p.action_area_id in (${list(values)})`;
    case "status":
      return sql`p.status in (${list(values)})`;
    case "funder":
      return sql`p.funder_id in (${list(values)})`;
    case "targetGroup":
      return sql`p.id in (select project_id from project_target_groups where target_group_id in (${list(values)}))`;
    case "startYear":
      return sql`extract(year from coalesce(p.actual_start, p.planned_start))::int::text in (${list(values)})`;
    case "orgType":
      return sql`p.lead_organisation_id in (select id from organisations where type in (${list(values)}))`;
  }
}

/**
 * Grouped counts of one facet over `m` (the text matches, see searchProjects) restricted to `ok`:
 * the rows that match every other chosen filter. A project has each area and target group once
 * (primary keys), so count(*) counts projects.
 */
function facetCounts(facet: Facet, ok: SQL): SQL {
  switch (facet) {
    case "area":
      return sql`select pa.area_id as value, count(*)::int as n from m join project_areas pa on pa.project_id = m.id where ${ok} group by 1`;
    case "maakunta":
      // A project serves a maakunta directly or through a municipality; counted once either way.
      return sql`select s.code as value, count(distinct s.id)::int as n from (
          select m.id, pm.maakunta_code as code from m join project_maakunnat pm on pm.project_id = m.id where ${ok}
          union all
          select m.id, mu.maakunta_code from m join project_municipalities pm on pm.project_id = m.id
            join municipalities mu on mu.code = pm.municipality_code where ${ok}
        ) s group by 1`;
    case "actionArea":
      return sql`select action_area_id as value, count(*)::int as n from m where ${ok} and action_area_id is not null group by 1`;
    case "status":
      return sql`select status as value, count(*)::int as n from m where ${ok} group by 1`;
    case "funder":
      return sql`select funder_id as value, count(*)::int as n from m where ${ok} and funder_id is not null group by 1`;
    case "targetGroup":
      return sql`select t.target_group_id as value, count(*)::int as n from m join project_target_groups t on t.project_id = m.id where ${ok} group by 1`;
    case "startYear":
      return sql`select start_year as value, count(*)::int as n from m where ${ok} and start_year is not null group by 1`;
    case "orgType":
      return sql`select o.type::text as value, count(*)::int as n from m join organisations o on o.id = m.lead_organisation_id where ${ok} group by 1`;
  }
}

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (r as { rows: Row[] }).rows;

/**
 * One search in one statement. `m` holds the projects that match the text (all projects without
 * one) and every chosen filter but at most one, with one flag per chosen filter; the text and the
 * filters are evaluated once per project, and the total, the page of hits and every facet's
 * counts are read from `m`: a facet counts the rows whose other flags hold (disjunctive faceting),
 * the total and the hits the rows where all hold. The sort keys of the hits are computed in `m`
 * too, where the row is at hand, so that only the page's 20 projects are read again.
 */
export async function referenceSearch(db: Executor, params: SearchParams, locale: Locale): Promise<Omit<SearchResult, "version">> {
  const chosen = FACETS.filter((f) => params[f].length > 0);
  const flag = (f: Facet) => sql.raw(`f_${chosen.indexOf(f)}`);
  const allBut = (except?: Facet) => {
    const flags = chosen.filter((f) => f !== except).map(flag);
    return flags.length ? sql.join(flags, sql` and `) : sql`true`;
  };
  const flags = chosen.map((f) => sql`, coalesce(${facetCondition(f, params[f])}, false) as ${flag(f)}`);
  // Projects failing two or more filters count nowhere.
  const atMostOneFails =
    chosen.length >= 2
      ? sql`${sql.join(
          chosen.map((f) => sql`(not ${flag(f)})::int`),
          sql` + `,
        )} <= 1`
      : sql`true`;
  const relevanceSort = params.sort === "relevance" && params.q;
  const sortKey = relevanceSort
    ? sql`, case when ${allBut()} then ${searchRelevance(params.q)} end as sort_key`
    : params.sort === "name"
      ? sql`, case when ${allBut()} then ${searchLocalName(locale)} end as sort_key`
      : sql``;
  const order = relevanceSort
    ? sql`sort_key desc, code`
    : params.sort === "name"
      ? sql`sort_key collate "C", code`
      : params.sort === "code"
        ? sql`code`
        : sql`start_on desc nulls last, code`;
  const offset = (params.page - 1) * PAGE_SIZE;

  const facetColumns = FACETS.map(
    (f) => sql`, (select coalesce(json_agg(x), '[]'::json) from (${facetCounts(f, allBut(f))}) x) as ${sql.raw(`"facet_${f}"`)}`,
  );
  const rows = rowsOf(
    await db.execute(sql`with m as materialized (
        select p.id, p.code, p.status, p.action_area_id, p.funder_id, p.lead_organisation_id, p.start_year, p.start_on${sql.join(
          chosen.map((f) => sql`, p.${flag(f)}`),
          sql``,
        )}${sortKey} from (
          select p.id, p.code, p.status::text as status, p.action_area_id, p.funder_id, p.lead_organisation_id,
            extract(year from coalesce(p.actual_start, p.planned_start))::int::text as start_year,
            coalesce(p.actual_start, p.planned_start) as start_on,
            p.search_fi, p.search_sv, p.name_fi, p.name_sv, p.name_en${sql.join(flags, sql``)}
          from projects p where ${params.q ? searchTextCondition(params.q) : sql`true`}
          offset 0
        ) p where ${atMostOneFails}
      ), page as (
        select id, row_number() over (order by ${order}) as ord from (select * from m where ${allBut()} order by ${order} limit ${PAGE_SIZE} offset ${offset}) t
      )
      select (select count(*)::int from m where ${allBut()}) as total,
        (select coalesce(json_agg(h order by h.ord), '[]'::json) from (
          select page.ord, p.code, ${searchLocalName(locale)} as name, p.status::text as status, o.name_fi as lead_name,
            p.planned_start::text as planned_start, p.planned_end::text as planned_end, p.is_demo,
            coalesce((select array_agg(area_id order by area_id) from project_areas where project_id = p.id), '{}') as area_ids
          from page join projects p on p.id = page.id left join organisations o on o.id = p.lead_organisation_id
        ) h) as hits${sql.join(facetColumns, sql``)}`),
  );
  const row = rows[0] ?? {};
  const facets = {} as SearchResult["facets"];
  for (const f of FACETS) {
    facets[f] = ((row[`facet_${f}`] as { value: unknown; n: unknown }[] | undefined) ?? []).map((r) => ({
      value: String(r.value),
      count: Number(r.n),
    }));
  }
  const hitRows = (row.hits as Row[] | undefined) ?? [];
  return {
    total: Number(row.total ?? 0),
    hits: hitRows.map((r) => ({
      code: String(r.code),
      name: String(r.name),
      status: r.status as SearchResult["hits"][number]["status"],
      leadName: (r.lead_name as string | null) ?? null,
      plannedStart: (r.planned_start as string | null) ?? null,
      plannedEnd: (r.planned_end as string | null) ?? null,
      areaIds: (r.area_ids as string[] | null) ?? [],
      isDemo: Boolean(r.is_demo),
    })),
    facets,
  };
}
