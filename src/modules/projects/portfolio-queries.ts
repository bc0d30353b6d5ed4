/**
 * SQL of the portfolio statistics: the rules of portfolio.ts computed in the database with a few
 * aggregate queries (never one per project), so that the page stays fast with 100,000 projects.
 */
import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
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
 * day is each project's latest history row on or before it (same day: the later lifecycle status,
 * which is the enum's order), picked for all projects at once with DISTINCT ON — a sort of the
 * history, several times faster at 100,000 projects than one index probe per project.
 */
export async function portfolioCounts(db: Executor, day: string, filters: PortfolioFilters): Promise<PortfolioCounts> {
  const areaRestriction = filters.area === null ? sql`` : sql` and pa.area_id = ${filters.area}`;
  const rows = rowsOf(
    await db.execute(sql`with s as materialized (
        select p.id, p.action_area_id, o.type::text as org_type,
          case when st.status = 'running' then 'running' else 'ended' end as phase
        from (
          select distinct on (h.project_id) h.project_id, h.status from project_status_history h
          where h.changed_on <= ${day}::date
          order by h.project_id, h.changed_on desc, h.status desc
        ) st
        join projects p on p.id = st.project_id
        left join organisations o on o.id = p.lead_organisation_id
        where st.status in ('running', 'ended', 'embedded') and ${filterCondition(filters)}
      )
      select 'total' as dim, null as value, phase, count(*)::int as n from s group by phase
      union all
      select 'actionArea', action_area_id, phase, count(*)::int from s group by 2, 3
      union all
      select 'orgType', org_type, phase, count(*)::int from s group by 2, 3
      union all
      select 'area', pa.area_id, phase, count(*)::int from s left join project_areas pa on pa.project_id = s.id${areaRestriction} group by 2, 3
      union all
      select 'targetGroup', tg.target_group_id, phase, count(*)::int from s left join project_target_groups tg on tg.project_id = s.id group by 2, 3`),
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
 * [changed_on, next change) adds one to every year end it covers. Starts and ends are made
 * distinct per project and year with a grouping (hashed) rather than count(distinct) (sorted).
 */
export async function portfolioTrend(db: Executor, filters: PortfolioFilters, lastYear: number): Promise<TrendRow[]> {
  const filtered =
    filters.programme === null && filters.area === null
      ? sql``
      : sql`join projects p on p.id = h.project_id where ${filterCondition(filters)}`;
  const rows = rowsOf(
    await db.execute(sql`with h as materialized (
        select h.project_id, h.status, extract(year from h.changed_on)::int as year,
          extract(year from lead(h.changed_on) over w)::int as next_year,
          case lag(h.status) over w when 'running' then 'running' when 'ended' then 'ended' when 'embedded' then 'ended' end as prev_phase
        from project_status_history h ${filtered}
        window w as (partition by h.project_id order by h.changed_on, h.status)
      ), events as (
        select case when status = 'running' then 'started' else 'ended' end as kind, year, project_id from h
        where (status = 'running' and prev_phase is distinct from 'running')
          or (status in ('ended', 'embedded') and prev_phase is distinct from 'ended')
        group by 1, 2, 3
      )
      select kind, year, count(*)::int as n from events group by kind, year
      union all
      select 'running', y, count(*)::int from h
        cross join lateral generate_series(year, least(coalesce(next_year - 1, ${lastYear}::int), ${lastYear}::int)) as y
        where status = 'running' group by y`),
  );
  const counts = { started: new Map<number, number>(), ended: new Map<number, number>(), running: new Map<number, number>() };
  for (const r of rows) counts[r.kind as keyof typeof counts].set(Number(r.year), Number(r.n));
  return assembleTrend(counts, lastYear);
}

/**
 * Everything the page shows, in one read-only transaction with JIT compilation off: PostgreSQL
 * would otherwise JIT-compile these aggregates at 100,000 projects (their cost passes
 * jit_above_cost), which took longer than running them (docs/decisions/0007).
 */
export async function portfolioStatistics(db: Db, day: string, filters: PortfolioFilters, lastYear: number) {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      const counts = await portfolioCounts(tx, day, filters);
      const trend = await portfolioTrend(tx, filters, lastYear);
      const hasDemo = await portfolioHasDemo(tx, filters);
      return { counts, trend, hasDemo };
    },
    { accessMode: "read only" },
  );
}

export interface Choice {
  id: string;
  label: string;
}

export interface PortfolioOptions {
  programmes: Choice[];
  /** Areas with their regional structure's name, grouped by structure in the structures' order. */
  areas: (Choice & { structure: string })[];
  /** In their reference order, which the breakdowns follow. */
  actionAreas: Choice[];
  targetGroups: Choice[];
}

/** The choices of the page's form, and the names and reference orders of the breakdowns' values, in one language. */
export async function portfolioOptions(db: Executor, locale: Locale): Promise<PortfolioOptions> {
  const [p, a, aa, tg] = await Promise.all([
    db.select().from(programmes).orderBy(asc(programmes.periodStart), asc(programmes.id)),
    db
      .select({ area: areas, structure: regionalStructures })
      .from(areas)
      .innerJoin(regionalStructures, eq(regionalStructures.id, areas.structureId))
      .orderBy(asc(regionalStructures.validFrom), asc(areas.sortOrder), asc(areas.id)),
    db.select().from(actionAreas).orderBy(asc(actionAreas.programmeId), asc(actionAreas.sortOrder)),
    db.select().from(targetGroups).orderBy(asc(targetGroups.sortOrder)),
  ]);
  const choice = (r: { id: string; nameFi: string; nameSv: string; nameEn: string }) => ({ id: r.id, label: localName(r, locale) });
  return {
    programmes: p.map(choice),
    areas: a.map((r) => ({ ...choice(r.area), structure: localName(r.structure, locale) })),
    actionAreas: aa.map(choice),
    targetGroups: tg.map(choice),
  };
}

/** Whether the selection holds made-up demo projects (the page then says so). */
export async function portfolioHasDemo(db: Executor, filters: PortfolioFilters): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`select exists (select 1 from projects p where p.is_demo and ${filterCondition(filters)}) as demo`),
  );
  return Boolean(rows[0]?.demo);
}
