// Reads for the indicator pages and the API. All SQL of the module's views is here.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
import { runningProjectsByMaakunta } from "../projects/queries.ts";
import { POPULATION_INDICATOR } from "./catalogue.ts";
import {
  GENDERS,
  type Gender,
  type IndexComponent,
  indexValues,
  indicatorRegions,
  indicators,
  indicatorValues,
  type Level,
} from "./schema.ts";

const rowsOf = <R>(r: unknown): R[] => (r as { rows: R[] }).rows;

export type Indicator = typeof indicators.$inferSelect;
export type Region = typeof indicatorRegions.$inferSelect;

export function regionName(r: { nameFi: string; nameSv: string; nameEn: string }, locale: Locale): string {
  return locale === "sv" ? r.nameSv : locale === "en" ? r.nameEn : r.nameFi;
}
export function indicatorTitle(i: { titleFi: string; titleSv: string; titleEn: string }, locale: Locale): string {
  return locale === "sv" ? i.titleSv : locale === "en" ? i.titleEn : i.titleFi;
}

export async function listIndicators(db: Executor): Promise<Indicator[]> {
  return db.select().from(indicators).orderBy(asc(indicators.dimension), asc(indicators.titleFi));
}

export async function findIndicator(db: Executor, id: string): Promise<Indicator | null> {
  const [i] = await db.select().from(indicators).where(eq(indicators.id, id)).limit(1);
  return i ?? null;
}

export async function findRegion(db: Executor, level: Level, code: string): Promise<Region | null> {
  const [r] = await db
    .select()
    .from(indicatorRegions)
    .where(and(eq(indicatorRegions.level, level), eq(indicatorRegions.code, code)))
    .limit(1);
  return r ?? null;
}

export async function regionsOfLevel(db: Executor, level: Level): Promise<Region[]> {
  return db.select().from(indicatorRegions).where(eq(indicatorRegions.level, level)).orderBy(asc(indicatorRegions.code));
}

/** The years a version has index values for at a level, newest first. */
export async function indexYears(db: Executor, versionId: string, level: Level): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: indexValues.year })
    .from(indexValues)
    .where(and(eq(indexValues.versionId, versionId), eq(indexValues.level, level)))
    .orderBy(desc(indexValues.year));
  return rows.map((r) => r.year);
}

export interface IndexTableRow {
  code: string;
  name: string;
  human: number | null;
  social: number | null;
  economic: number | null;
  total: number | null;
  gini: number | null;
}

/** One level and year of a version: every area with its components (pivoted in SQL). */
export async function indexTable(db: Executor, versionId: string, level: Level, year: number, locale: Locale): Promise<IndexTableRow[]> {
  const name = sql.raw(`r.name_${locale}`);
  const result = await db.execute(sql`
    select v.region_code as code, coalesce(${name}, v.region_code) as name,
      max(v.value) filter (where v.component = 'human') as human,
      max(v.value) filter (where v.component = 'social') as social,
      max(v.value) filter (where v.component = 'economic') as economic,
      max(v.value) filter (where v.component = 'total') as total,
      max(v.value) filter (where v.component = 'gini') as gini
    from index_values v
    left join indicator_regions r on r.level = v.level and r.code = v.region_code
    where v.version_id = ${versionId}::uuid and v.level = ${level} and v.year = ${year}
    group by v.region_code, ${name}`);
  return rowsOf<IndexTableRow>(result).map((r) => ({
    ...r,
    human: num(r.human),
    social: num(r.social),
    economic: num(r.economic),
    total: num(r.total),
    gini: num(r.gini),
  }));
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** An area's index components over the years. */
export async function indexSeries(db: Executor, versionId: string, level: Level, code: string) {
  return db
    .select({ year: indexValues.year, component: indexValues.component, value: indexValues.value })
    .from(indexValues)
    .where(and(eq(indexValues.versionId, versionId), eq(indexValues.level, level), eq(indexValues.regionCode, code)))
    .orderBy(asc(indexValues.year));
}

export interface AreaIndicatorRow {
  indicatorId: string;
  year: number;
  value: number;
  /** The median area's value at the same level and year (the lower middle of an even count). */
  median: number | null;
  areas: number;
}

/** Every indicator value of an area (of one gender, total by default) with the level's median of the same year and gender. */
export async function areaIndicatorValues(db: Executor, level: Level, code: string, gender: Gender = "total"): Promise<AreaIndicatorRow[]> {
  const result = await db.execute(sql`
    with mine as (
      select indicator_id, year, value from indicator_values
      where level = ${level} and region_code = ${code} and gender = ${gender}
    ), medians as (
      select v.indicator_id, v.year, percentile_disc(0.5) within group (order by v.value) as median, count(*)::int as areas
      from indicator_values v
      where v.level = ${level} and v.gender = ${gender} and (v.indicator_id, v.year) in (select indicator_id, year from mine)
      group by v.indicator_id, v.year
    )
    select m.indicator_id as "indicatorId", m.year, m.value, d.median, d.areas
    from mine m join medians d using (indicator_id, year)
    order by m.indicator_id, m.year`);
  return rowsOf<AreaIndicatorRow>(result).map((r) => ({ ...r, value: Number(r.value), median: num(r.median), year: Number(r.year) }));
}

/** The genders an area has any indicator value for, in the order total, male, female. */
export async function areaGenders(db: Executor, level: Level, code: string): Promise<Gender[]> {
  const rows = await db
    .selectDistinct({ gender: indicatorValues.gender })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.level, level), eq(indicatorValues.regionCode, code)));
  const present = new Set(rows.map((r) => r.gender));
  return GENDERS.filter((g) => present.has(g));
}

/** The genders an indicator has values for at a level. */
export async function indicatorGenders(db: Executor, indicatorId: string, level: Level): Promise<Gender[]> {
  const rows = await db
    .selectDistinct({ gender: indicatorValues.gender })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.level, level)));
  const present = new Set(rows.map((r) => r.gender));
  return GENDERS.filter((g) => present.has(g));
}

/** One indicator at one level and gender: every area's value per year (the level's median is taken by the caller). */
export async function indicatorSeries(db: Executor, indicatorId: string, level: Level, gender: Gender = "total") {
  const values = await db
    .select({ regionCode: indicatorValues.regionCode, year: indicatorValues.year, value: indicatorValues.value })
    .from(indicatorValues)
    .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.level, level), eq(indicatorValues.gender, gender)))
    .orderBy(asc(indicatorValues.year));
  return values;
}

/** The levels an indicator has values on, in a fixed order. */
export function indicatorLevels(i: Indicator): Level[] {
  const order: Level[] = ["maakunta", "hyvinvointialue", "seutukunta", "kunta", "koko_maa"];
  return order.filter((l) => i.levels.includes(l));
}

/** Youth indicators at a level and year, pivoted: area → indicator → value. */
export async function youthTable(db: Executor, level: Level, year: number) {
  const rows = await db
    .select({ indicatorId: indicatorValues.indicatorId, regionCode: indicatorValues.regionCode, value: indicatorValues.value })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(
      and(
        eq(indicators.ageFocus, "youth"),
        eq(indicatorValues.level, level),
        eq(indicatorValues.year, year),
        eq(indicatorValues.gender, "total"),
      ),
    );
  return rows;
}

export async function youthYears(db: Executor, level: Level): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: indicatorValues.year })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(and(eq(indicators.ageFocus, "youth"), eq(indicatorValues.level, level)))
    .orderBy(desc(indicatorValues.year));
  return rows.map((r) => r.year);
}

export interface NeedRow {
  code: string;
  name: string;
  total: number | null;
  population: number | null;
  populationYear: number | null;
  projects: number;
  demoProjects: number;
  perTenThousand: number | null;
  actionAreas: string[];
}

/**
 * Per maakunta: the index total of a year, the running projects (projects module), the population
 * (the latest imported year, summed over the municipalities of the maakunta then) and the projects
 * per 10,000 inhabitants.
 */
export async function needAndProjects(db: Executor, versionId: string, year: number, locale: Locale, day: string): Promise<NeedRow[]> {
  const table = await indexTable(db, versionId, "maakunta", year, locale);
  const maakunnat = await regionsOfLevel(db, "maakunta");
  const pop = rowsOf<{ code: string; population: number; year: number }>(
    await db.execute(sql`
      with latest as (select max(year) as year from indicator_values where indicator_id = ${POPULATION_INDICATOR} and level = 'kunta')
      select r.maakunta_code as code, sum(v.value)::float8 as population, max(v.year)::int as year
      from indicator_values v
      join indicator_regions r on r.level = 'kunta' and r.code = v.region_code
      where v.indicator_id = ${POPULATION_INDICATOR} and v.level = 'kunta' and v.gender = 'total' and v.year = (select year from latest)
      group by r.maakunta_code`),
  );
  const popBy = new Map(pop.map((p) => [p.code, p]));
  const projects = new Map((await runningProjectsByMaakunta(db, locale, day)).map((p) => [p.maakuntaCode, p]));
  const totals = new Map(table.map((r) => [r.code, r.total]));
  return maakunnat
    .filter((m) => totals.has(m.code) || projects.has(m.code))
    .map((m) => {
      const p = projects.get(m.code);
      const population = popBy.get(m.code);
      const count = p?.projects ?? 0;
      return {
        code: m.code,
        name: regionName(m, locale),
        total: totals.get(m.code) ?? null,
        population: population ? Number(population.population) : null,
        populationYear: population?.year ?? null,
        projects: count,
        demoProjects: p?.demo ?? 0,
        perTenThousand: population && Number(population.population) > 0 ? (count / Number(population.population)) * 10_000 : null,
        actionAreas: [...(p?.actionAreas ?? [])].sort((a, b) => a.localeCompare(b, locale)),
      };
    });
}

export type { IndexComponent };

/**
 * The inclusion indicators' values of a level and year (gender total), beside the index: area →
 * indicator → value. Inclusion indicators are never part of an index version (higher is better).
 */
export async function inclusionValues(db: Executor, level: Level, year: number): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .select({ indicatorId: indicatorValues.indicatorId, regionCode: indicatorValues.regionCode, value: indicatorValues.value })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(
      and(
        eq(indicators.dimension, "inclusion"),
        eq(indicatorValues.level, level),
        eq(indicatorValues.year, year),
        eq(indicatorValues.gender, "total"),
      ),
    );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = out.get(r.regionCode);
    if (!m) {
      m = new Map();
      out.set(r.regionCode, m);
    }
    m.set(r.indicatorId, r.value);
  }
  return out;
}
