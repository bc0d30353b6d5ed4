import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { ORGANISATION_TYPES } from "../organisations/schema.ts";
import { STATUSES } from "./rules.ts";

/** The facets of the public project search, in the order they are shown. */
export const FACETS = ["area", "maakunta", "actionArea", "status", "funder", "targetGroup", "startYear", "orgType"] as const;
export type Facet = (typeof FACETS)[number];

export const PAGE_SIZE = 20;
export const SORTS = ["relevance", "name", "start", "code"] as const;

const many = <T extends string>(item: z.ZodType<T, string>) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ""))
    .pipe(z.array(item).max(50))
    .catch([]);

// Ids of reference rows: printable text only (a NUL byte would crash PostgreSQL's text comparison).
const id = z
  .string()
  .max(100)
  .regex(/^[^\p{Cc}]*$/u);

/** Query string of the search page and the API. Unknown or malformed values are dropped, never an error. */
export const searchParams = z.object({
  // Control characters (a NUL byte crashes PostgreSQL's text functions) become spaces.
  q: z
    .string()
    .transform((v) => v.replace(/\p{Cc}/gu, " ").trim())
    .pipe(z.string().max(200))
    .catch("")
    .default(""),
  area: many(id),
  maakunta: many(z.string().regex(/^\d{2}$/)),
  actionArea: many(id),
  status: many(z.enum(STATUSES)),
  funder: many(id),
  targetGroup: many(id),
  startYear: many(z.string().regex(/^(19|20)\d{2}$/)),
  orgType: many(z.enum(ORGANISATION_TYPES)),
  sort: z.enum(SORTS).catch("relevance").default("relevance"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type SearchParams = z.infer<typeof searchParams>;

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

/** Text match: Finnish and Swedish full text, the code, and trigram similarity of the name for typos. */
/**
 * Every word of the query as a prefix, AND-ed, for inflected forms the Finnish stemmer does not
 * unify ("nuoret" stems to 'nuore', "nuorten" to 'nuort'): a word of five or more letters is cut to
 * max(4, length − 3) letters ("nuoret" → nuor:*, "kuntoutusta" → kuntoutu:*), which covers most
 * case endings and consonant gradation at the end of the stem. Only letters and digits reach SQL text.
 */
export function prefixQuery(q: string): string | null {
  const words =
    q
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 10) ?? [];
  const prefixes = words.map((w) => (w.length >= 5 ? w.slice(0, Math.max(4, w.length - 3)) : w));
  return prefixes.length ? prefixes.map((w) => `${w}:*`).join(" & ") : null;
}

function textCondition(q: string): SQL {
  const prefix = prefixQuery(q);
  const prefixMatch = prefix
    ? sql` or p.search_fi @@ to_tsquery('simple', ${prefix}) or p.search_sv @@ to_tsquery('simple', ${prefix})`
    : sql``;
  return sql`(p.search_fi @@ websearch_to_tsquery('finnish', ${q})
    or p.search_sv @@ websearch_to_tsquery('swedish', ${q})${prefixMatch}
    or p.code = upper(${q})
    or p.name_fi % ${q}
    or p.name_fi ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`;
}

function where(params: SearchParams, except?: Facet): SQL {
  const parts: SQL[] = [];
  if (params.q) parts.push(textCondition(params.q));
  for (const f of FACETS) {
    if (f !== except && params[f].length > 0) parts.push(facetCondition(f, params[f]));
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
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

/** The relevance of a project to the text query: full-text ranks in both languages and name similarity. */
function relevance(q: string): SQL {
  return sql`ts_rank(p.search_fi, websearch_to_tsquery('finnish', ${q})) + ts_rank(p.search_sv, websearch_to_tsquery('swedish', ${q})) + similarity(p.name_fi, ${q})`;
}

function orderBy(params: SearchParams, locale: Locale): SQL {
  const name = localName(locale);
  switch (params.sort) {
    case "name":
      return sql`${name} collate "C", p.code`;
    case "start":
      return sql`coalesce(p.actual_start, p.planned_start) desc nulls last, p.code`;
    case "code":
      return sql`p.code`;
    case "relevance":
      return params.q ? sql`${relevance(params.q)} desc, p.code` : sql`coalesce(p.actual_start, p.planned_start) desc nulls last, p.code`;
  }
}

function localName(locale: Locale): SQL {
  return locale === "sv" ? sql`coalesce(p.name_sv, p.name_fi)` : locale === "en" ? sql`coalesce(p.name_en, p.name_fi)` : sql`p.name_fi`;
}

export interface ProjectHit {
  code: string;
  name: string;
  status: (typeof STATUSES)[number];
  leadName: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  areaIds: string[];
  isDemo: boolean;
}

export interface SearchResult {
  total: number;
  hits: ProjectHit[];
  facets: Record<Facet, { value: string; count: number }[]>;
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
export async function searchProjects(db: Executor, params: SearchParams, locale: Locale): Promise<SearchResult> {
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
    ? sql`, case when ${allBut()} then ${relevance(params.q)} end as sort_key`
    : params.sort === "name"
      ? sql`, case when ${allBut()} then ${localName(locale)} end as sort_key`
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
          from projects p where ${params.q ? textCondition(params.q) : sql`true`}
          offset 0
        ) p where ${atMostOneFails}
      ), page as (
        select id, row_number() over (order by ${order}) as ord from (select * from m where ${allBut()} order by ${order} limit ${PAGE_SIZE} offset ${offset}) t
      )
      select (select count(*)::int from m where ${allBut()}) as total,
        (select coalesce(json_agg(h order by h.ord), '[]'::json) from (
          select page.ord, p.code, ${localName(locale)} as name, p.status::text as status, o.name_fi as lead_name,
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
      status: r.status as ProjectHit["status"],
      leadName: (r.lead_name as string | null) ?? null,
      plannedStart: (r.planned_start as string | null) ?? null,
      plannedEnd: (r.planned_end as string | null) ?? null,
      areaIds: (r.area_ids as string[] | null) ?? [],
      isDemo: Boolean(r.is_demo),
    })),
    facets,
  };
}

/** The most rows one export gives (the whole programme is far below this). */
export const EXPORT_LIMIT = 100_000;

export interface ExportRow {
  code: string;
  name: string;
  status: string;
  actionAreaId: string | null;
  scope: string;
  funderId: string | null;
  leadName: string | null;
  leadBusinessId: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  budgetTotal: number | null;
  publicFunding: number | null;
  areaIds: string[];
  targetGroupIds: string[];
  isDemo: boolean;
}

/** Every project matching the search (not just one page), in the same order, for CSV and XLSX. */
export async function exportProjects(db: Executor, params: SearchParams, locale: Locale): Promise<ExportRow[]> {
  const rows = rowsOf(
    await db.execute(sql`select p.code, ${localName(locale)} as name, p.status::text as status, p.action_area_id, p.scope::text as scope,
        p.funder_id, o.name_fi as lead_name, o.business_id as lead_business_id,
        p.planned_start::text as planned_start, p.planned_end::text as planned_end, p.budget_total, p.public_funding, p.is_demo,
        coalesce((select array_agg(area_id order by area_id) from project_areas where project_id = p.id), '{}') as area_ids,
        coalesce((select array_agg(target_group_id order by target_group_id) from project_target_groups where project_id = p.id), '{}') as target_group_ids
      from projects p left join organisations o on o.id = p.lead_organisation_id
      where ${where(params)} order by ${orderBy(params, locale)} limit ${EXPORT_LIMIT}`),
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    code: String(r.code),
    name: String(r.name),
    status: String(r.status),
    actionAreaId: (r.action_area_id as string | null) ?? null,
    scope: String(r.scope),
    funderId: (r.funder_id as string | null) ?? null,
    leadName: (r.lead_name as string | null) ?? null,
    leadBusinessId: (r.lead_business_id as string | null) ?? null,
    plannedStart: (r.planned_start as string | null) ?? null,
    plannedEnd: (r.planned_end as string | null) ?? null,
    budgetTotal: num(r.budget_total),
    publicFunding: num(r.public_funding),
    areaIds: (r.area_ids as string[] | null) ?? [],
    targetGroupIds: (r.target_group_ids as string[] | null) ?? [],
    isDemo: Boolean(r.is_demo),
  }));
}

/**
 * The filter condition and the order of a search, for the JSON API's page query (api-queries.ts),
 * which pages with its own page size but must find and order exactly as this search does.
 */
export { orderBy as searchOrder, where as searchCondition };
