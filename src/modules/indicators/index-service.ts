// The deprivation index as Sokra computes and stores it, per index version. The arithmetic is in
// method.ts; this file loads the values, feeds them level by level and year by year, and replaces the
// version's stored results in one transaction.
import { asc, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { areaScores, type Dimension, gini, type ScaledIndicator, scaleToMedian, windowValue } from "./method.ts";
import { type IndexComponent, indexVersionIndicators, indexVersions, indicatorRegions, indicators, type Level } from "./schema.ts";

/** Indicators that may belong to an index version: deprivation sub-indicators where higher is worse. */
export function eligibleForIndex(i: { kind: string; dimension: string; direction: string }): boolean {
  return (
    (i.kind === "raw" || i.kind === "relative") && ["human", "social", "economic"].includes(i.dimension) && i.direction === "higher_worse"
  );
}

export interface IndexRow {
  level: Level;
  regionCode: string;
  year: number;
  component: IndexComponent;
  value: number;
}

interface MemberIndicator {
  id: string;
  kind: "raw" | "relative" | "published";
  dimension: Dimension;
  survey: boolean;
}

/** The map's value for the key, created first when missing. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
// biome-ignore lint/suspicious/noExplicitAny: a fresh map of whatever the caller's map holds
const newMap = (): Map<any, any> => new Map();

/**
 * Pure: the index of every level and year from the member indicators' values. Relative indicators
 * (already 3-year means scaled to the median) are used as they are; raw ones get the 3-year window
 * (latest value for surveys) and median-relative scaling within their level and year first.
 * `countyOf` maps a municipality to its wellbeing services county (for the Gini coefficient).
 */
export function computeIndexRows(
  members: readonly MemberIndicator[],
  values: readonly { indicatorId: string; level: Level; regionCode: string; year: number; value: number }[],
  countyOf: ReadonlyMap<string, string>,
): IndexRow[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  // level → year → indicator → region → value (after the method's steps 1–2)
  const scaled = new Map<Level, Map<number, Map<string, Map<string, number | null>>>>();
  const put = (level: Level, year: number, indicator: string, region: string, value: number | null) => {
    entry(entry(entry(scaled, level, newMap), year, newMap), indicator, newMap).set(region, value);
  };
  // raw: level → indicator → region → year → value
  const raw = new Map<Level, Map<string, Map<string, Map<number, number>>>>();
  for (const v of values) {
    const m = byId.get(v.indicatorId);
    if (!m) continue;
    if (m.kind === "relative") {
      put(v.level, v.year, v.indicatorId, v.regionCode, v.value);
      continue;
    }
    entry(entry(entry(raw, v.level, newMap), v.indicatorId, newMap), v.regionCode, newMap).set(v.year, v.value);
  }
  for (const [level, inds] of raw) {
    // Every year any member has data for on this level: a survey's latest value carries over to
    // the years between its rounds.
    const years = new Set<number>();
    for (const regions of inds.values()) for (const ys of regions.values()) for (const y of ys.keys()) years.add(y);
    for (const [indicatorId, regions] of inds) {
      const survey = byId.get(indicatorId)?.survey ?? false;
      for (const year of years) {
        const windowed = new Map<string, number>();
        for (const [region, ys] of regions) {
          const w = windowValue(ys, year, survey);
          if (w !== null) windowed.set(region, w);
        }
        for (const [region, v] of scaleToMedian(windowed)) put(level, year, indicatorId, region, v);
      }
    }
  }
  const out: IndexRow[] = [];
  for (const [level, years] of scaled) {
    for (const [year, inds] of years) {
      const indicatorsOfYear: ScaledIndicator[] = [];
      const regions = new Set<string>();
      for (const [id, vals] of inds) {
        indicatorsOfYear.push({ id, dimension: byId.get(id)?.dimension as Dimension, values: vals });
        for (const r of vals.keys()) regions.add(r);
      }
      const scores = areaScores(indicatorsOfYear, regions);
      const totalsByCounty = new Map<string, number[]>();
      for (const [regionCode, s] of scores) {
        for (const component of ["human", "social", "economic", "total"] as const) {
          const value = s[component];
          if (value !== null) out.push({ level, regionCode, year, component, value });
        }
        if (level === "kunta" && s.total !== null) {
          const county = countyOf.get(regionCode);
          if (county) {
            entry(totalsByCounty, county, () => []).push(s.total);
          }
        }
      }
      for (const [county, totals] of totalsByCounty) {
        const g = gini(totals);
        if (g !== null) out.push({ level: "hyvinvointialue", regionCode: county, year, component: "gini", value: g });
      }
    }
  }
  return out;
}

/** A PostgreSQL array as the driver returns it (an array, or its text when the type is not parsed). */
const asNumbers = (a: unknown): number[] =>
  Array.isArray(a) ? a.map(Number) : String(a).replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);

/** `{…}` array literal of quoted texts (any text: `"` and `\` escaped). */
const textArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

/**
 * Recomputes one version for every level and year and replaces its stored values. The values are
 * read as one row per indicator, level and region with arrays of years and values (a few thousand
 * rows instead of hundreds of thousands), and the results written in the primary key's order as
 * array parameters unpacked by unnest().
 */
export async function computeIndexVersion(
  db: Db,
  versionId: string,
): Promise<{ rows: number; milliseconds: number; phases: { read: number; compute: number; write: number } }> {
  const started = performance.now();
  const members = (await db
    .select({ id: indicators.id, kind: indicators.kind, dimension: indicators.dimension, survey: indicators.survey })
    .from(indexVersionIndicators)
    .innerJoin(indicators, eq(indicators.id, indexVersionIndicators.indicatorId))
    .where(eq(indexVersionIndicators.versionId, versionId))) as MemberIndicator[];
  const values: { indicatorId: string; level: Level; regionCode: string; year: number; value: number }[] = [];
  if (members.length) {
    const result = await db.execute(sql`
      select indicator_id, level, region_code, array_agg(year) as years, array_agg(value) as vals
      from indicator_values
      where indicator_id = any(${textArray(members.map((m) => m.id))}::text[]) and gender = 'total'
      group by indicator_id, level, region_code`);
    type Series = { indicator_id: string; level: Level; region_code: string; years: unknown; vals: unknown };
    for (const r of (result as unknown as { rows: Series[] }).rows) {
      const years = asNumbers(r.years);
      const vals = asNumbers(r.vals);
      for (let i = 0; i < years.length; i++) {
        values.push({
          indicatorId: r.indicator_id,
          level: r.level,
          regionCode: r.region_code,
          year: years[i] as number,
          value: vals[i] as number,
        });
      }
    }
  }
  const counties = await db
    .select({ code: indicatorRegions.code, county: indicatorRegions.wellbeingCountyCode })
    .from(indicatorRegions)
    .where(eq(indicatorRegions.level, "kunta"));
  const countyOf = new Map(counties.filter((c) => c.county).map((c) => [c.code, c.county as string]));
  const read = performance.now();
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = computeIndexRows(members, values, countyOf).sort(
    (a, b) => cmp(a.level, b.level) || a.year - b.year || cmp(a.component, b.component) || cmp(a.regionCode, b.regionCode),
  );
  const computed = performance.now();
  // Only what changed is written. Under a lock on the version row, the stored results are read
  // (as arrays, one row per level, component and area) and compared in memory: changed and new
  // values are upserted, vanished ones deleted. A recompute of unchanged data writes nothing.
  const key = (level: string, year: number, component: string, region: string) => `${level}|${year}|${component}|${region}`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select id from index_versions where id = ${versionId}::uuid for update`);
    const stored = await tx.execute(sql`
      select level, component, region_code, array_agg(year) as years, array_agg(value) as vals
      from index_values where version_id = ${versionId}::uuid
      group by level, component, region_code`);
    const before = new Map<string, number>();
    type StoredSeries = { level: string; component: string; region_code: string; years: unknown; vals: unknown };
    for (const r of (stored as unknown as { rows: StoredSeries[] }).rows) {
      const years = asNumbers(r.years);
      const vals = asNumbers(r.vals);
      for (let i = 0; i < years.length; i++) before.set(key(r.level, years[i] as number, r.component, r.region_code), vals[i] as number);
    }
    const changed: IndexRow[] = [];
    for (const r of rows) {
      const k = key(r.level, r.year, r.component, r.regionCode);
      if (before.get(k) !== r.value) changed.push(r);
      before.delete(k);
    }
    // Level and component never hold "|"; an area code might, so it takes the rest.
    const vanished = [...before.keys()].map((k) => {
      const [level, year, component, ...region] = k.split("|");
      return [level, year, component, region.join("|")] as [string, string, string, string];
    });
    for (let i = 0; i < vanished.length; i += 25_000) {
      const batch = vanished.slice(i, i + 25_000);
      await tx.execute(sql`
        delete from index_values v using unnest(
          ${textArray(batch.map((b) => b[0]))}::text[], ${`{${batch.map((b) => b[1]).join(",")}}`}::int[],
          ${textArray(batch.map((b) => b[2]))}::text[], ${textArray(batch.map((b) => b[3]))}::text[]) as g(level, year, component, region_code)
        where v.version_id = ${versionId}::uuid and v.level = g.level and v.year = g.year
          and v.component = g.component and v.region_code = g.region_code`);
    }
    for (let i = 0; i < changed.length; i += 25_000) {
      const batch = changed.slice(i, i + 25_000);
      await tx.execute(sql`
        insert into index_values (version_id, level, region_code, year, component, value)
        select ${versionId}::uuid, * from unnest(
          ${textArray(batch.map((r) => r.level))}::text[], ${textArray(batch.map((r) => r.regionCode))}::text[],
          ${`{${batch.map((r) => r.year).join(",")}}`}::int[], ${textArray(batch.map((r) => r.component))}::text[],
          ${`{${batch.map((r) => String(r.value)).join(",")}}`}::float8[])
        on conflict (version_id, level, year, component, region_code) do update set value = excluded.value`);
    }
    await tx.update(indexVersions).set({ computedAt: new Date() }).where(eq(indexVersions.id, versionId));
  });
  const done = performance.now();
  return {
    rows: rows.length,
    milliseconds: done - started,
    phases: { read: read - started, compute: computed - read, write: done - computed },
  };
}

/** Every version, newest first, with its indicators. */
export async function listIndexVersions(db: Executor) {
  const versions = await db.select().from(indexVersions).orderBy(asc(indexVersions.createdAt));
  const members = await db.select().from(indexVersionIndicators);
  return versions.map((v) => ({ ...v, indicatorIds: members.filter((m) => m.versionId === v.id).map((m) => m.indicatorId) }));
}

export async function currentIndexVersion(db: Executor) {
  const [v] = await db.select().from(indexVersions).where(eq(indexVersions.current, true)).limit(1);
  return v ?? null;
}

export const DEFAULT_VERSION_NAME = "Huono-osaisuus Suomessa v20211104 (Diak)";

/** At start: when no version exists, the default one (all shipped sub-indicators), current and computed. */
export async function ensureDefaultIndexVersion(db: Db): Promise<void> {
  const [any] = await db.select({ id: indexVersions.id }).from(indexVersions).limit(1);
  if (any) return;
  const all = await db.select().from(indicators);
  const members = all.filter((i) => i.source === "diak" && eligibleForIndex(i)).map((i) => i.id);
  const id = await createIndexVersion(db, null, { name: DEFAULT_VERSION_NAME, indicatorIds: members, current: true });
  await computeIndexVersion(db, id);
}

/** A new version with its indicators (checked by inputs.ts); the caller computes it. */
export async function createIndexVersion(
  db: Db,
  userId: string | null,
  input: { name: string; indicatorIds: string[]; current: boolean },
): Promise<string> {
  return db.transaction(async (tx) => {
    if (input.current) await tx.update(indexVersions).set({ current: false }).where(eq(indexVersions.current, true));
    const [v] = await tx
      .insert(indexVersions)
      .values({ name: input.name, current: input.current, createdBy: userId })
      .returning({ id: indexVersions.id });
    const id = v?.id as string;
    if (input.indicatorIds.length)
      await tx.insert(indexVersionIndicators).values(input.indicatorIds.map((indicatorId) => ({ versionId: id, indicatorId })));
    await recordAudit(tx, {
      actorUserId: userId,
      action: "indicators.version.create",
      entity: "index_version",
      entityId: id,
      changes: { name: input.name, indicatorIds: input.indicatorIds, current: input.current },
    });
    return id;
  });
}

/** Makes a version the one the public pages show. */
export async function setCurrentIndexVersion(db: Db, userId: string, versionId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [v] = await tx.select({ id: indexVersions.id }).from(indexVersions).where(eq(indexVersions.id, versionId)).limit(1);
    if (!v) return false;
    await tx.update(indexVersions).set({ current: false }).where(eq(indexVersions.current, true));
    await tx.update(indexVersions).set({ current: true }).where(eq(indexVersions.id, versionId));
    await recordAudit(tx, { actorUserId: userId, action: "indicators.version.current", entity: "index_version", entityId: versionId });
    return true;
  });
}
