import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { WEIGHTS } from "./similarity.ts";

export const PARTNER_LIMIT = 20;
/** Without source words, at most this many projects sharing the action area or a target group are scored. */
export const PARTNER_POOL_WITHOUT_TEXT = 2000;

export interface PartnerCriteria {
  /** to_tsquery text of the source words joined with "|" (similarity.orQuery); empty for none. */
  query: string;
  targetGroupIds: readonly string[];
  actionAreaId: string | null;
  /** The source project, never listed as its own partner. */
  excludeProjectId: string | null;
  /** "Other areas only": leave out projects in any of these areas. */
  excludeAreaIds: readonly string[];
  runningOnly: boolean;
}

export interface PartnerCandidate {
  id: string;
  code: string;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  summaryFi: string | null;
  summarySv: string | null;
  status: string;
  actionAreaId: string | null;
  areaIds: string[];
  sharedTargetGroups: string[];
  textRank: number;
  score: number;
}

const list = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * The projects most similar to the criteria, best first, in one statement: the text rank of their
 * names and summaries (Finnish and Swedish configurations) against the source words, plus a weight
 * per shared target group and for the same action area (similarity.WEIGHTS). A project qualifies
 * with any one of the three in common.
 */
export async function findPartnerCandidates(db: Executor, c: PartnerCriteria): Promise<PartnerCandidate[]> {
  const hasText = c.query.length > 0;
  const qf = hasText ? sql`to_tsquery('finnish', ${c.query})` : sql`null::tsquery`;
  const qs = hasText ? sql`to_tsquery('swedish', ${c.query})` : sql`null::tsquery`;
  const tg = c.targetGroupIds.length > 0;
  // With source words, the candidates are the projects whose text matches them (the GIN index finds
  // them; the rare words chosen by chooseQueryWords keep the set small); shared target groups and the
  // action area then add to their score. Without words, a bounded pool shares either of those.
  const conditions = hasText
    ? [sql`p.search_fi @@ q.qf or p.search_sv @@ q.qs`]
    : [
        tg
          ? sql`exists (select 1 from project_target_groups t where t.project_id = p.id and t.target_group_id in (${list(c.targetGroupIds)}))`
          : null,
        c.actionAreaId ? sql`p.action_area_id = ${c.actionAreaId}` : null,
      ].filter((x) => x !== null);
  if (conditions.length === 0) return [];
  const filters = [
    c.excludeProjectId ? sql`and p.id <> ${c.excludeProjectId}` : sql``,
    c.runningOnly ? sql`and p.status = 'running'` : sql``,
    c.excludeAreaIds.length
      ? sql`and not exists (select 1 from project_areas a where a.project_id = p.id and a.area_id in (${list(c.excludeAreaIds)}))`
      : sql``,
  ];
  const shared = tg
    ? sql`array(select t.target_group_id from project_target_groups t where t.project_id = p.id and t.target_group_id in (${list(c.targetGroupIds)}) order by 1)`
    : sql`array[]::text[]`;
  const result = await db.execute(sql`
    with q as (select ${qf} as qf, ${qs} as qs),
    scored as (
      select p.id, p.code, p.name_fi, p.name_sv, p.name_en, p.summary_fi, p.summary_sv, p.status, p.action_area_id,
        ${shared} as shared,
        ${hasText ? sql`coalesce(ts_rank(p.search_fi, q.qf), 0) + coalesce(ts_rank(p.search_sv, q.qs), 0)` : sql`0`}::float8 as text_rank
      from projects p, q
      where (${sql.join(conditions, sql` or `)}) ${sql.join(filters, sql` `)}
      ${hasText ? sql`` : sql`limit ${PARTNER_POOL_WITHOUT_TEXT}`}
    )
    select s.*, array(select area_id from project_areas where project_id = s.id order by 1) as area_ids,
      (${WEIGHTS.text}::float8 * s.text_rank + ${WEIGHTS.targetGroup}::float8 * cardinality(s.shared)
        + case when ${c.actionAreaId}::text is not null and s.action_area_id = ${c.actionAreaId}::text then ${WEIGHTS.actionArea}::float8 else 0 end) as score
    from scored s
    order by score desc, s.code
    limit ${PARTNER_LIMIT}`);
  type Row = {
    id: string;
    code: string;
    name_fi: string;
    name_sv: string | null;
    name_en: string | null;
    summary_fi: string | null;
    summary_sv: string | null;
    status: string;
    action_area_id: string | null;
    shared: string[];
    text_rank: number;
    area_ids: string[];
    score: number;
  };
  return (result as unknown as { rows: Row[] }).rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameFi: r.name_fi,
    nameSv: r.name_sv,
    nameEn: r.name_en,
    summaryFi: r.summary_fi,
    summarySv: r.summary_sv,
    status: r.status,
    actionAreaId: r.action_area_id,
    areaIds: r.area_ids,
    sharedTargetGroups: r.shared,
    textRank: Number(r.text_rank),
    score: Number(r.score),
  }));
}

/** How many projects contain each word (Finnish configuration), cached for ten minutes per word. */
const frequencyCache = new Map<string, { n: number; at: number }>();
const CACHE_MS = 10 * 60_000;

export async function documentFrequencies(db: Executor, words: readonly string[], now = Date.now()): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const missing: string[] = [];
  for (const w of words) {
    const hit = frequencyCache.get(w);
    if (hit && now - hit.at < CACHE_MS) out.set(w, hit.n);
    else missing.push(w);
  }
  if (missing.length) {
    // Each count is answered by the GIN index (all-visible pages are not read).
    const result = await db.execute(sql`
      select w.word, (select count(*) from projects p where p.search_fi @@ to_tsquery('finnish', w.word))::int as n
      from json_array_elements_text(${JSON.stringify(missing)}::json) as w(word)`);
    for (const r of (result as unknown as { rows: { word: string; n: number }[] }).rows) {
      out.set(r.word, r.n);
      if (frequencyCache.size > 50_000) frequencyCache.clear();
      frequencyCache.set(r.word, { n: r.n, at: now });
    }
  }
  return out;
}
