/**
 * SQL of the portfolio statistics: the rules of portfolio.ts computed in the database with a few
 * aggregate queries (never one per project), so that the page stays fast with 100,000 projects.
 */
import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { actionAreas, programmes, targetGroups } from "../programmes/schema.ts";
import { localName } from "../regions/queries.ts";
import { areas, regionalStructures } from "../regions/schema.ts";
import {
  assembleTrend,
  type CountRow,
  canonicalRows,
  DIMENSIONS,
  type Dimension,
  type PortfolioCounts,
  type PortfolioFilters,
  type TrendRow,
} from "./portfolio.ts";

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (r as { rows: Row[] }).rows;

function filterCondition(f: PortfolioFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.programme !== null) parts.push(sql`p.programme_id = ${f.programme}`);
  if (f.area !== null) parts.push(sql`exists (select 1 from project_areas fa where fa.project_id = p.id and fa.area_id = ${f.area})`);
  return sql.join(parts, sql` and `);
}

/**
 * Running and ended projects on a day, in total and by dimension, in one query. The status on the
 * day is the latest history row on or before it (same day: the later lifecycle status, which is the
 * enum's order), found per project through the (project_id, changed_on) index.
 */
export async function portfolioCounts(db: Executor, day: string, filters: PortfolioFilters): Promise<PortfolioCounts> {
  const areaRestriction = filters.area === null ? sql`` : sql` and pa.area_id = ${filters.area}`;
  const rows = rowsOf(
    await db.execute(sql`with s as materialized (
        select p.id, p.action_area_id, o.type::text as org_type,
          case st.status when 'running' then 'running' when 'ended' then 'ended' when 'embedded' then 'ended' end as phase
        from projects p
        left join organisations o on o.id = p.lead_organisation_id
        cross join lateral (
          select h.status from project_status_history h
          where h.project_id = p.id and h.changed_on <= ${day}::date
          order by h.changed_on desc, h.status desc limit 1
        ) st
        where ${filterCondition(filters)}
      ), r as materialized (select * from s where phase is not null)
      select 'total' as dim, null as value, phase, count(*)::int as n from r group by phase
      union all
      select 'actionArea', action_area_id, phase, count(*)::int from r group by 2, 3
      union all
      select 'orgType', org_type, phase, count(*)::int from r group by 2, 3
      union all
      select 'area', pa.area_id, phase, count(*)::int from r left join project_areas pa on pa.project_id = r.id${areaRestriction} group by 2, 3
      union all
      select 'targetGroup', tg.target_group_id, phase, count(*)::int from r left join project_target_groups tg on tg.project_id = r.id group by 2, 3`),
  );
  const total = { running: 0, ended: 0 };
  const maps = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string | null, CountRow>()])) as Record<
    Dimension,
    Map<string | null, CountRow>
  >;
  for (const r of rows) {
    const phase = r.phase as "running" | "ended";
    const n = Number(r.n);
    if (r.dim === "total") {
      total[phase] += n;
      continue;
    }
    const map = maps[r.dim as Dimension];
    const value = (r.value as string | null) ?? null;
    const row = map.get(value) ?? { value, running: 0, ended: 0 };
    row[phase] += n;
    map.set(value, row);
  }
  return {
    total,
    area: canonicalRows([...maps.area.values()]),
    actionArea: canonicalRows([...maps.actionArea.values()]),
    orgType: canonicalRows([...maps.orgType.values()]),
    targetGroup: canonicalRows([...maps.targetGroup.values()]),
  };
}

/**
 * Trends by year in one query over the status history: each row is compared with the previous one
 * of its project (window in lifecycle order) to find starts and ends, and each running spell
 * [changed_on, next change) adds one to every year end it covers.
 */
export async function portfolioTrend(db: Executor, filters: PortfolioFilters, lastYear: number): Promise<TrendRow[]> {
  const rows = rowsOf(
    await db.execute(sql`with h as materialized (
        select h.project_id, h.status, h.changed_on,
          extract(year from h.changed_on)::int as year,
          lead(h.changed_on) over w as next_on,
          case lag(h.status) over w when 'running' then 'running' when 'ended' then 'ended' when 'embedded' then 'ended' end as prev_phase
        from project_status_history h
        join projects p on p.id = h.project_id
        where ${filterCondition(filters)}
        window w as (partition by h.project_id order by h.changed_on, h.status)
      )
      select 'started' as kind, year, count(distinct project_id)::int as n from h
        where status = 'running' and prev_phase is distinct from 'running' group by year
      union all
      select 'ended', year, count(distinct project_id)::int from h
        where status in ('ended', 'embedded') and prev_phase is distinct from 'ended' group by year
      union all
      select 'running', y, count(*)::int from h
        cross join lateral generate_series(year, least(coalesce(extract(year from next_on)::int - 1, ${lastYear}::int), ${lastYear}::int)) as y
        where status = 'running' group by y`),
  );
  const counts = { started: new Map<number, number>(), ended: new Map<number, number>(), running: new Map<number, number>() };
  for (const r of rows) counts[r.kind as keyof typeof counts].set(Number(r.year), Number(r.n));
  return assembleTrend(counts, lastYear);
}

export interface Choice {
  id: string;
  label: string;
}

export interface PortfolioOptions {
  programmes: Choice[];
  /** Areas with their regional structure's name, grouped by structure in the structures' order. */
  areas: (Choice & { structure: string })[];
  /** Reference orders for the breakdowns. */
  actionAreaOrder: string[];
  targetGroupOrder: string[];
}

/** The choices of the page's form and the reference orders of the breakdowns, in one language. */
export async function portfolioOptions(db: Executor, locale: Locale): Promise<PortfolioOptions> {
  const [p, a, aa, tg] = await Promise.all([
    db.select().from(programmes).orderBy(asc(programmes.periodStart), asc(programmes.id)),
    db
      .select({ area: areas, structure: regionalStructures })
      .from(areas)
      .innerJoin(regionalStructures, eq(regionalStructures.id, areas.structureId))
      .orderBy(asc(regionalStructures.validFrom), asc(areas.sortOrder), asc(areas.id)),
    db.select({ id: actionAreas.id }).from(actionAreas).orderBy(asc(actionAreas.programmeId), asc(actionAreas.sortOrder)),
    db.select({ id: targetGroups.id }).from(targetGroups).orderBy(asc(targetGroups.sortOrder)),
  ]);
  return {
    programmes: p.map((r) => ({ id: r.id, label: localName(r, locale) })),
    areas: a.map((r) => ({ id: r.area.id, label: localName(r.area, locale), structure: localName(r.structure, locale) })),
    actionAreaOrder: aa.map((r) => r.id),
    targetGroupOrder: tg.map((r) => r.id),
  };
}

/** Whether the selection holds made-up demo projects (the page then says so). */
export async function portfolioHasDemo(db: Executor, filters: PortfolioFilters): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`select exists (select 1 from projects p where p.is_demo and ${filterCondition(filters)}) as demo`),
  );
  return Boolean(rows[0]?.demo);
}
