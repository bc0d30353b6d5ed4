import { type SQL, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { FacetIndex, type FacetRow, type Order, pick } from "./facet-index.ts";
import type { STATUSES } from "./rules.ts";
import { FACETS, type Facet, PAGE_SIZE, type SearchParams } from "./search-params.ts";

export { FACETS, type Facet, PAGE_SIZE, type SearchParams, SORTS, searchParams } from "./search-params.ts";

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

/** The relevance of a project to the text query: full-text ranks in both languages and name similarity. */
function relevance(q: string): SQL {
  return sql`ts_rank(p.search_fi, websearch_to_tsquery('finnish', ${q})) + ts_rank(p.search_sv, websearch_to_tsquery('swedish', ${q})) + similarity(p.name_fi, ${q})`;
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
  /** The registry version of the result: labelsAt() gives the facet names of the same moment. */
  version: string;
  total: number;
  hits: ProjectHit[];
  facets: Record<Facet, { value: string; count: number }[]>;
}

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (r as { rows: Row[] }).rows;

/*
 * How a search runs (docs/decisions/0010-search-facets-in-memory.md):
 * 1. The registry version (a row that triggers raise in every transaction that changes projects,
 *    their areas, municipalities, maakunnat, target groups, organisations or the facets' names)
 *    says whether this process's facet index is current; if not, it is loaded again in one statement.
 * 2. The text query is matched in PostgreSQL (full text in both languages, stemmed prefixes, the
 *    code, trigram similarity of the name): the ids of the matching projects, kept per query text
 *    in a bounded cache that belongs to the registry version, so it is dropped at the next change.
 * 3. The facet index counts the total and every facet (disjunctively) over the matches and orders
 *    them; relevance scores are computed in PostgreSQL only for the projects that pass the filters.
 * 4. The page's projects are read by id.
 * Results are the same as one SQL statement would give (tests/helpers/search-reference.ts is that
 * statement; search-reference.test.ts compares the two).
 */

/** Projects matching one text query, as slots of the index, and the relevance scores known so far. */
interface TextMatch {
  slots: Int32Array;
  scores: Map<number, number>;
  /** All the slots by relevance, once every score is known. */
  byRelevance?: Int32Array;
}

interface RegistryState {
  version: string;
  index: FacetIndex;
  matches: LRUCache<string, TextMatch>;
  /** Counts without text or filters (the registry's front page), computed once per version. */
  unfiltered?: ReturnType<FacetIndex["count"]>;
}

/** At most this many matched projects and scores are kept, over all cached queries (~16 MB). */
const MATCH_CACHE_ENTRIES = 2_000_000;

const states = new WeakMap<Executor, { current?: RegistryState; loading?: Promise<RegistryState> }>();

async function registryVersion(db: Executor): Promise<string> {
  const rows = rowsOf(await db.execute(sql`select version::text as version from registry_version where id = 1`));
  return String(rows[0]?.version ?? "0");
}

/** The facet index at the current registry version, loaded once per version (one load at a time). */
async function registryState(db: Executor): Promise<RegistryState> {
  const version = await registryVersion(db);
  let holder = states.get(db);
  if (!holder) {
    holder = {};
    states.set(db, holder);
  }
  if (holder.current?.version === version) return holder.current;
  if (!holder.loading) {
    const h = holder;
    h.loading = loadState(db).finally(() => {
      h.loading = undefined;
    });
    h.current = await h.loading;
    return h.current;
  }
  return holder.loading;
}

/**
 * Every project's facet values and places in the sort orders, with the version they belong to, in
 * one statement (one snapshot). The orders are PostgreSQL's own, as the search always sorted:
 * names in the "C" collation, the start date newest first with the undated last, ties by code.
 */
async function loadState(db: Executor): Promise<RegistryState> {
  const rows = rowsOf(
    await db.execute(sql`select (select version::text from registry_version where id = 1) as version,
      coalesce((select json_agg(json_build_array(p.id, p.status::text, p.action_area_id, p.funder_id, o.type::text,
          extract(year from coalesce(p.actual_start, p.planned_start))::int::text,
          r.r_start, r.r_code, r.r_fi, r.r_sv, r.r_en, coalesce(a.v, '[]'), coalesce(mk.v, '[]'), coalesce(tg.v, '[]')))
        from projects p left join organisations o on o.id = p.lead_organisation_id
          join (select id,
              row_number() over (order by coalesce(actual_start, planned_start) desc nulls last, code) - 1 as r_start,
              row_number() over (order by code) - 1 as r_code,
              row_number() over (order by name_fi collate "C", code) - 1 as r_fi,
              row_number() over (order by coalesce(name_sv, name_fi) collate "C", code) - 1 as r_sv,
              row_number() over (order by coalesce(name_en, name_fi) collate "C", code) - 1 as r_en
            from projects) r on r.id = p.id
          left join (select project_id, json_agg(area_id) as v from project_areas group by 1) a on a.project_id = p.id
          left join (select project_id, json_agg(target_group_id) as v from project_target_groups group by 1) tg on tg.project_id = p.id
          -- A maakunta served directly or through a municipality (listed twice when both: the index counts it once).
          left join (select project_id, json_agg(code) as v from (
              select project_id, maakunta_code as code from project_maakunnat
              union all select pm.project_id, m.maakunta_code from project_municipalities pm join municipalities m on m.code = pm.municipality_code) s
            group by 1) mk on mk.project_id = p.id), '[]') as rows`),
  );
  const row = rows[0] ?? {};
  const one = (v: unknown) => (v === null || v === undefined ? [] : [String(v)]);
  const facetRows: FacetRow[] = ((row.rows as unknown[][] | undefined) ?? []).map((r) => ({
    id: String(r[0]),
    values: {
      status: one(r[1]),
      actionArea: one(r[2]),
      funder: one(r[3]),
      orgType: one(r[4]),
      startYear: one(r[5]),
      area: r[11] as string[],
      maakunta: r[12] as string[],
      targetGroup: r[13] as string[],
    },
    rankStart: Number(r[6]),
    rankCode: Number(r[7]),
    rankName: { fi: Number(r[8]), sv: Number(r[9]), en: Number(r[10]) },
  }));
  return {
    version: String(row.version ?? "0"),
    index: new FacetIndex(facetRows),
    matches: new LRUCache<string, TextMatch>({
      maxSize: MATCH_CACHE_ENTRIES,
      sizeCalculation: (m) => Math.max(1, m.slots.length + m.scores.size),
    }),
  };
}

/** The projects matching the text, or null when the registry changed since `state` was loaded. */
async function matchText(db: Executor, state: RegistryState, q: string): Promise<TextMatch | null> {
  const cached = state.matches.get(q);
  if (cached) return cached;
  const rows = rowsOf(
    await db.execute(sql`select (select version::text from registry_version where id = 1) as version,
      coalesce((select array_agg(p.id) from projects p where ${textCondition(q)}), '{}') as ids`),
  );
  if (String(rows[0]?.version) !== state.version) return null;
  const match = { slots: state.index.slotsOf(uuidList(rows[0]?.ids)), scores: new Map<number, number>() };
  state.matches.set(q, match);
  return match;
}

/** A uuid[] as the drivers return it: an array (pg, PGlite) or PostgreSQL's array text. */
function uuidList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string")
    return value
      .replace(/^\{|\}$/g, "")
      .split(",")
      .filter(Boolean);
  return [];
}

/** An id list as one array parameter (uuids are hex and dashes only; checked by the index). */
const idArray = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

/** Relevance scores of the given slots that the match does not know yet; false when the registry changed. */
async function addScores(db: Executor, state: RegistryState, q: string, match: TextMatch, slots: number[]): Promise<boolean> {
  const missing = slots.filter((s) => !match.scores.has(s));
  if (missing.length === 0) return true;
  const ids = missing.map((s) => state.index.idOf(s));
  const rows = rowsOf(
    await db.execute(sql`select (select version::text from registry_version where id = 1) as version, coalesce(
      (select json_agg(json_build_array(p.id, ${relevance(q)})) from projects p where p.id = any(${idArray(ids)})), '[]') as scores`),
  );
  if (String(rows[0]?.version) !== state.version) return false;
  const scores = new Map(((rows[0]?.scores as [string, number][] | undefined) ?? []).map(([id, score]) => [id, Number(score)]));
  missing.forEach((slot, i) => {
    match.scores.set(slot, scores.get(ids[i] as string) ?? 0);
  });
  state.matches.set(q, match); // its size grew
  return true;
}

/** What a search finds: the total, every facet's counts and the ids of one page, in order. */
export interface Found {
  /** The registry version the counts belong to (labelsAt() takes it). */
  version: string;
  total: number;
  facets: SearchResult["facets"];
  ids: string[];
}

/**
 * The search's rules in one place (docs/decisions/0005 and 0010): text matched in PostgreSQL,
 * facets counted and projects ordered by the in-memory index; `offset`/`limit` choose the page.
 */
export async function findProjects(
  db: Executor,
  params: SearchParams,
  locale: Locale,
  page: { offset: number; limit: number },
): Promise<Found> {
  for (let attempt = 0; ; attempt++) {
    // A registry that changes between two statements of one search starts the search again.
    if (attempt > 5) throw new Error("the registry kept changing during a search");
    const state = await registryState(db);
    const match = params.q ? await matchText(db, state, params.q) : null;
    if (params.q && !match) continue;
    const chosen = Object.fromEntries(FACETS.map((f) => [f, params[f]])) as Record<Facet, string[]>;
    const anyChosen = FACETS.some((f) => params[f].length > 0);
    let counted: ReturnType<FacetIndex["count"]>;
    if (!match && !anyChosen) {
      state.unfiltered ??= state.index.count(null, chosen);
      counted = state.unfiltered;
    } else {
      counted = state.index.count(match?.slots ?? null, chosen);
    }
    const { total, facets, passing } = counted;
    let slots: ArrayLike<number>;
    if (params.sort === "relevance" && match) {
      const hits: number[] = [];
      for (const s of match.slots) if (passing[s]) hits.push(s);
      const byRelevance = (list: number[]) => {
        const score = (s: number) => match.scores.get(s) ?? 0;
        return list.sort((a, b) => score(b) - score(a) || state.index.codeRankOf(a) - state.index.codeRankOf(b));
      };
      if (hits.length * 4 < match.slots.length) {
        // A few of the matches pass the filters: score and sort just those.
        if (!(await addScores(db, state, params.q, match, hits))) continue;
        slots = byRelevance(hits).slice(page.offset, page.offset + page.limit);
      } else {
        // Most of them pass: order all the matches once, then page through the passing ones.
        if (!match.byRelevance) {
          if (!(await addScores(db, state, params.q, match, Array.from(match.slots)))) continue;
          match.byRelevance = Int32Array.from(byRelevance(Array.from(match.slots)));
        }
        slots = pick(match.byRelevance, passing, page.offset, page.limit);
      }
    } else {
      const order: Order = params.sort === "name" ? `name-${locale}` : params.sort === "code" ? "code" : "start";
      slots = state.index.ordered(passing, order, page.offset, page.limit);
    }
    return { version: state.version, total, facets, ids: Array.from(slots, (s) => state.index.idOf(s)) };
  }
}

/** One page of the search for the HTML page. */
export async function searchProjects(db: Executor, params: SearchParams, locale: Locale): Promise<SearchResult> {
  const found = await findProjects(db, params, locale, { offset: (params.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const hitRows = found.ids.length
    ? rowsOf(
        await db.execute(sql`select p.code, ${localName(locale)} as name, p.status::text as status, o.name_fi as lead_name,
            p.planned_start::text as planned_start, p.planned_end::text as planned_end, p.is_demo,
            coalesce((select array_agg(area_id order by area_id) from project_areas where project_id = p.id), '{}') as area_ids
          from unnest(${idArray(found.ids)}) with ordinality as page(id, ord) join projects p on p.id = page.id
            left join organisations o on o.id = p.lead_organisation_id
          order by page.ord`),
      )
    : [];
  return {
    version: found.version,
    total: found.total,
    facets: found.facets,
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
  const found = await findProjects(db, params, locale, { offset: 0, limit: EXPORT_LIMIT });
  if (found.ids.length === 0) return [];
  const rows = rowsOf(
    await db.execute(sql`select p.code, ${localName(locale)} as name, p.status::text as status, p.action_area_id, p.scope::text as scope,
        p.funder_id, o.name_fi as lead_name, o.business_id as lead_business_id,
        p.planned_start::text as planned_start, p.planned_end::text as planned_end, p.budget_total, p.public_funding, p.is_demo,
        coalesce((select array_agg(area_id order by area_id) from project_areas where project_id = p.id), '{}') as area_ids,
        coalesce((select array_agg(target_group_id order by target_group_id) from project_target_groups where project_id = p.id), '{}') as target_group_ids
      from unnest(${idArray(found.ids)}) with ordinality as found(id, ord) join projects p on p.id = found.id
        left join organisations o on o.id = p.lead_organisation_id
      order by found.ord`),
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

/** For the reference implementation the tests compare with (tests/helpers/search-reference.ts). */
export { localName as searchLocalName, relevance as searchRelevance, textCondition as searchTextCondition };
