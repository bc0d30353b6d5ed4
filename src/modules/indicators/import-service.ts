// Importing indicator values: the three formats (the shipped Diak data set, Sotkanet REST answers
// stored as files, a tidy CSV) end up here as value rows. One run = one transaction: the values,
// the indicators' coverage, the stored run with its row-by-row report, and the audit entry.
// Re-importing the same file changes nothing (every value is compared before it is written).
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { listMaakunnat, listMunicipalityKeys } from "../regions/queries.ts";
import { HOS_FILES, POPULATION_FILE, readCatalogue, readDataFile, readHistoricalRegions } from "./catalogue.ts";
import { parseHosFile } from "./parse-hos.ts";
import { parseSotkanetFile, type SotkanetDataRow, type SotkanetIndicator, type SotkanetRegion } from "./parse-sotkanet.ts";
import { parseTidyCsv } from "./parse-tidy.ts";
import { type Comparison, compareWithPublished } from "./published.ts";
import { checkRows, type ImportReference, type RowMessage, type ValueRow } from "./rows.ts";
import { type ImportFormat, indicatorImportRuns, indicatorRegions, indicators, type Level } from "./schema.ts";

export type ImportMode = "all_or_nothing" | "valid_rows";
export const IMPORT_MODES: readonly ImportMode[] = ["all_or_nothing", "valid_rows"];

/** The most per-row messages a stored report keeps (the counts are always complete). */
export const REPORT_MESSAGE_LIMIT = 2000;

export interface FileSummary {
  name: string;
  kind: string;
  rows: number;
  problem?: { key: string; [k: string]: unknown };
}

export interface IndicatorImportReport {
  version: 1;
  format: ImportFormat;
  files: FileSummary[];
  /** Refused rows, with the file they came from; at most REPORT_MESSAGE_LIMIT. */
  messages: (RowMessage & { file: string })[];
  messageCount: number;
  /** Sokra's aggregation against published composites (when the data holds any). */
  comparison: Comparison | null;
  regionsAdded: number;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  anomalies: number;
}

export type ImportResult = { runId: string; saved: boolean; counts: ImportCounts; report: IndicatorImportReport };

export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

export function contentHash(files: readonly NamedFile[]): string {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f.name);
    h.update(f.bytes);
  }
  return h.digest("hex");
}

// ---------------------------------------------------------------- reference data

/** The starting catalogue (data/indicators/indicators.json): metadata only, coverage is kept. */
export async function seedIndicatorCatalogue(db: Executor): Promise<number> {
  const entries = readCatalogue();
  for (const e of entries) {
    const row = { ...e, descriptionFi: e.descriptionFi ?? null };
    await db
      .insert(indicators)
      .values({ ...row, levels: [] })
      .onConflictDoUpdate({
        target: indicators.id,
        set: {
          source: row.source,
          sourceId: row.sourceId,
          titleFi: row.titleFi,
          titleSv: row.titleSv,
          titleEn: row.titleEn,
          descriptionFi: row.descriptionFi,
          kind: row.kind,
          dimension: row.dimension,
          unit: row.unit,
          direction: row.direction,
          ageFocus: row.ageFocus,
          survey: row.survey,
          licence: row.licence,
          attribution: row.attribution,
        },
      });
  }
  return entries.length;
}

export const WHOLE_COUNTRY = { code: "SSS", nameFi: "Koko maa", nameSv: "Hela landet", nameEn: "Whole country" } as const;

/** The regions values may name: today's (regions module), historical ones and the whole country. */
export async function seedIndicatorRegions(db: Executor): Promise<void> {
  const munis = await listMunicipalityKeys(db);
  const maakunnat = await listMaakunnat(db);
  type Row = typeof indicatorRegions.$inferInsert;
  const rows: Row[] = [];
  const seutukunnat = new Map<string, string>();
  const counties = new Map<string, string>();
  for (const m of munis) {
    rows.push({
      level: "kunta",
      code: m.code,
      nameFi: m.nameFi,
      nameSv: m.nameSv,
      nameEn: m.nameEn,
      maakuntaCode: m.maakuntaCode,
      wellbeingCountyCode: m.wellbeingCountyCode,
    });
    seutukunnat.set(m.seutukuntaCode, m.seutukuntaNameFi);
    counties.set(m.wellbeingCountyCode, m.wellbeingCountyNameFi);
  }
  for (const [code, name] of seutukunnat) rows.push({ level: "seutukunta", code, nameFi: name, nameSv: name, nameEn: name });
  for (const [code, name] of counties) rows.push({ level: "hyvinvointialue", code, nameFi: name, nameSv: name, nameEn: name });
  for (const m of maakunnat) rows.push({ level: "maakunta", code: m.code, nameFi: m.nameFi, nameSv: m.nameSv, nameEn: m.nameEn });
  rows.push({ level: "koko_maa", ...WHOLE_COUNTRY });
  for (const h of readHistoricalRegions()) {
    rows.push({
      level: h.level,
      code: h.code,
      nameFi: h.name_fi,
      nameSv: h.name_sv,
      nameEn: h.name_en,
      maakuntaCode: h.maakunta_code,
      wellbeingCountyCode: h.wellbeing_county_code,
      historical: true,
    });
  }
  await db
    .insert(indicatorRegions)
    .values(rows)
    .onConflictDoUpdate({
      target: [indicatorRegions.level, indicatorRegions.code],
      set: {
        nameFi: sql`excluded.name_fi`,
        nameSv: sql`excluded.name_sv`,
        nameEn: sql`excluded.name_en`,
        maakuntaCode: sql`excluded.maakunta_code`,
        wellbeingCountyCode: sql`excluded.wellbeing_county_code`,
        historical: sql`excluded.historical`,
      },
    });
}

async function loadReference(db: Executor): Promise<
  ImportReference & {
    catalogue: Map<
      string,
      {
        id: string;
        kind: "raw" | "relative" | "published";
        dimension: string;
        unit: string;
        source: string;
        sourceId: string;
        titleFi: string;
      }
    >;
  }
> {
  const list = await db
    .select({
      id: indicators.id,
      kind: indicators.kind,
      dimension: indicators.dimension,
      unit: indicators.unit,
      source: indicators.source,
      sourceId: indicators.sourceId,
      titleFi: indicators.titleFi,
    })
    .from(indicators);
  const regions = await db.select({ level: indicatorRegions.level, code: indicatorRegions.code }).from(indicatorRegions);
  const catalogue = new Map(list.map((i) => [i.id, i]));
  return { indicators: catalogue, catalogue, regions: new Set(regions.map((r) => `${r.level}:${r.code}`)) };
}

// ---------------------------------------------------------------- writing

const BATCH = 25_000;

/** A PostgreSQL array literal element: quoted, with `"` and `\` escaped (any text is safe). */
function quoteElement(text: string): string {
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}

/** `{…}` literals of a batch's columns (built once per batch: one parameter per column, not per value). */
function columnLiterals(rows: readonly ValueRow[], from: number, to: number) {
  const quoted = new Map<string, string>();
  const q = (text: string) => {
    let v = quoted.get(text);
    if (v === undefined) {
      v = quoteElement(text);
      quoted.set(text, v);
    }
    return v;
  };
  const ids: string[] = [];
  const levels: string[] = [];
  const codes: string[] = [];
  const years: string[] = [];
  const genders: string[] = [];
  const values: string[] = [];
  for (let i = from; i < to; i++) {
    const r = rows[i] as ValueRow;
    ids.push(q(r.indicatorId));
    levels.push(q(r.level));
    codes.push(q(r.regionCode));
    years.push(String(r.year));
    genders.push(q(r.gender));
    // Every value is finite (the parsers refuse the rest); String() gives PostgreSQL's float8 syntax.
    values.push(String(r.value));
  }
  const lit = (xs: string[]) => `{${xs.join(",")}}`;
  return { ids: lit(ids), levels: lit(levels), codes: lit(codes), years: lit(years), genders: lit(genders), values: lit(values) };
}

/**
 * Writes value rows in batches of one statement each: six array parameters unpacked by unnest()
 * (the same on PostgreSQL and PGlite; about twice as fast as a JSON parameter, see
 * docs/benchmarks.md). A value equal to the stored one is not written, so a re-import counts it as
 * unchanged.
 */
export async function writeValues(
  tx: Executor,
  rows: readonly ValueRow[],
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  let inserted = 0;
  let updated = 0;
  // In the primary key's order, the index is filled leaf after leaf instead of all over.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...rows].sort(
    (a, b) =>
      cmp(a.indicatorId, b.indicatorId) ||
      cmp(a.level, b.level) ||
      cmp(a.regionCode, b.regionCode) ||
      a.year - b.year ||
      cmp(a.gender, b.gender),
  );
  for (let i = 0; i < sorted.length; i += BATCH) {
    const c = columnLiterals(sorted, i, Math.min(sorted.length, i + BATCH));
    const result = await tx.execute(sql`
      with w as (
        insert into indicator_values (indicator_id, level, region_code, year, gender, value)
        select * from unnest(${c.ids}::text[], ${c.levels}::text[], ${c.codes}::text[], ${c.years}::int[], ${c.genders}::text[], ${c.values}::float8[])
        on conflict (indicator_id, level, region_code, year, gender)
        do update set value = excluded.value where indicator_values.value is distinct from excluded.value
        returning (xmax = 0) as fresh
      )
      select count(*) filter (where fresh)::int as inserted, count(*) filter (where not fresh)::int as updated from w`);
    const [counts] = (result as unknown as { rows: { inserted: number; updated: number }[] }).rows;
    inserted += counts?.inserted ?? 0;
    updated += counts?.updated ?? 0;
  }
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}

/**
 * An indicator's levels and years grow with what an import brings (values are never deleted by an
 * import, so the union with the stored coverage is the coverage of the stored values).
 */
async function extendCoverage(tx: Executor, rows: readonly ValueRow[]): Promise<void> {
  const byIndicator = new Map<string, { levels: Set<string>; first: number; last: number }>();
  for (const r of rows) {
    const c = byIndicator.get(r.indicatorId);
    if (!c) byIndicator.set(r.indicatorId, { levels: new Set([r.level]), first: r.year, last: r.year });
    else {
      c.levels.add(r.level);
      if (r.year < c.first) c.first = r.year;
      if (r.year > c.last) c.last = r.year;
    }
  }
  for (const [id, c] of byIndicator) {
    await tx.execute(sql`
      update indicators set
        levels = (select coalesce(jsonb_agg(distinct l order by l), '[]'::jsonb)
                  from (select jsonb_array_elements_text(levels) as l union select unnest(${`{${[...c.levels].join(",")}}`}::text[])) x),
        first_year = least(coalesce(first_year, ${c.first}), ${c.first}),
        last_year = greatest(coalesce(last_year, ${c.last}), ${c.last})
      where id = ${id}`);
  }
}

interface RunInput {
  format: ImportFormat;
  fileName: string;
  hash: string;
  userId: string | null;
  mode: ImportMode;
  files: FileSummary[];
  rows: ValueRow[];
  /** Messages of the parsers, with the file they came from. */
  messages: (RowMessage & { file: string })[];
  fileOfRow: (row: ValueRow) => string;
  regions?: SotkanetRegion[];
  compare?: boolean;
}

async function runImport(db: Db, input: RunInput): Promise<ImportResult> {
  const reference = await loadReference(db);
  // Regions a Sotkanet region list brings become known before the rows are checked.
  const newRegions = (input.regions ?? []).filter((r) => !reference.regions.has(`${r.level}:${r.code}`));
  for (const r of input.regions ?? []) (reference.regions as Set<string>).add(`${r.level}:${r.code}`);
  const { accepted, refused } = checkRows(input.rows, reference);
  const messages = [...input.messages, ...refused.map(({ source, message }) => ({ ...message, file: input.fileOfRow(source) }))].sort(
    (a, b) => a.file.localeCompare(b.file) || a.row - b.row,
  );
  const fileProblem = input.files.some((f) => f.problem);
  const rejected = messages.length;
  const canSave = !fileProblem && (input.mode === "valid_rows" || rejected === 0);
  const comparison = input.compare ? compareWithPublished(accepted, reference.catalogue) : null;
  const report: IndicatorImportReport = {
    version: 1,
    format: input.format,
    files: input.files,
    messages: messages.slice(0, REPORT_MESSAGE_LIMIT),
    messageCount: messages.length,
    comparison,
    regionsAdded: canSave ? newRegions.length : 0,
  };
  return db.transaction(async (tx) => {
    let written = { inserted: 0, updated: 0, unchanged: 0 };
    if (canSave) {
      if (input.regions?.length) await upsertSotkanetRegions(tx, input.regions);
      written = await writeValues(tx, accepted);
      await extendCoverage(tx, accepted);
    }
    const counts: ImportCounts = { ...written, rejected, anomalies: comparison?.anomalies.length ?? 0 };
    const [run] = await tx
      .insert(indicatorImportRuns)
      .values({
        createdBy: input.userId,
        format: input.format,
        fileName: input.fileName.slice(0, 500),
        contentHash: input.hash,
        saved: canSave,
        insertedCount: counts.inserted,
        updatedCount: counts.updated,
        unchangedCount: canSave ? counts.unchanged : 0,
        rejectedCount: counts.rejected,
        anomalyCount: counts.anomalies,
        report,
      })
      .returning({ id: indicatorImportRuns.id });
    const runId = run?.id as string;
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "indicators.import",
      entity: "indicator_import_run",
      entityId: runId,
      changes: { format: input.format, fileName: input.fileName, saved: canSave, ...counts },
    });
    return { runId, saved: canSave, counts: { ...counts, unchanged: canSave ? counts.unchanged : 0 }, report };
  });
}

async function upsertSotkanetRegions(tx: Executor, regions: readonly SotkanetRegion[]): Promise<void> {
  // A Sotkanet id moves to the region that has it now.
  const ids = regions.map((r) => r.sotkanetId);
  if (ids.length) await tx.update(indicatorRegions).set({ sotkanetId: null }).where(inArray(indicatorRegions.sotkanetId, ids));
  for (let i = 0; i < regions.length; i += 1000) {
    await tx
      .insert(indicatorRegions)
      .values(
        regions.slice(i, i + 1000).map((r) => ({
          level: r.level,
          code: r.code,
          nameFi: r.titleFi,
          nameSv: r.titleSv,
          nameEn: r.titleEn,
          sotkanetId: r.sotkanetId,
        })),
      )
      .onConflictDoUpdate({ target: [indicatorRegions.level, indicatorRegions.code], set: { sotkanetId: sql`excluded.sotkanet_id` } });
  }
}

// ---------------------------------------------------------------- the three formats

/** The Diak data set (data/indicators/hos/ or an upload of the same shape). Compares its published composites. */
export async function importHos(db: Db, options: { files: NamedFile[]; userId: string | null; mode: ImportMode }): Promise<ImportResult> {
  const reference = await loadReference(db);
  const variableIds = new Map([...reference.catalogue.values()].filter((i) => i.source === "diak").map((i) => [i.sourceId, i.id]));
  const files: FileSummary[] = [];
  const rows: ValueRow[] = [];
  const messages: (RowMessage & { file: string })[] = [];
  const fileOf = new Map<ValueRow, string>();
  for (const f of options.files) {
    const parsed = parseHosFile(f.bytes, variableIds);
    if (!parsed.ok) {
      files.push({ name: f.name, kind: "hos", rows: 0, problem: parsed.problem });
      continue;
    }
    files.push({ name: f.name, kind: "hos", rows: parsed.rows.length + parsed.messages.length });
    for (const r of parsed.rows) {
      rows.push(r);
      fileOf.set(r, f.name);
    }
    for (const m of parsed.messages) messages.push({ ...m, file: f.name });
  }
  return runImport(db, {
    format: "hos",
    fileName: options.files.map((f) => f.name).join(", "),
    hash: contentHash(options.files),
    userId: options.userId,
    mode: options.mode,
    files,
    rows,
    messages,
    fileOfRow: (r) => fileOf.get(r) ?? "",
    compare: true,
  });
}

/** A tidy CSV (one value per row). Published composites in it are compared too. */
export async function importTidyCsv(db: Db, options: { file: NamedFile; userId: string | null; mode: ImportMode }): Promise<ImportResult> {
  const parsed = parseTidyCsv(options.file.bytes);
  const reference = await loadReference(db);
  const files: FileSummary[] = [];
  const messages: (RowMessage & { file: string })[] = [];
  let rows: ValueRow[] = [];
  if (!parsed.ok) files.push({ name: options.file.name, kind: "csv", rows: 0, problem: parsed.problem });
  else {
    files.push({ name: options.file.name, kind: "csv", rows: parsed.rows.length + parsed.messages.length });
    messages.push(...parsed.messages.map((m) => ({ ...m, file: options.file.name })));
    rows = [];
    for (const r of parsed.rows) {
      const unit = parsed.units.get(r.row);
      const expected = reference.catalogue.get(r.indicatorId)?.unit;
      if (unit !== undefined && expected !== undefined && unit.trim().toLowerCase() !== expected.toLowerCase()) {
        messages.push({ row: r.row, key: "unitMismatch", params: { value: unit, expected }, file: options.file.name });
      } else rows.push(r);
    }
  }
  return runImport(db, {
    format: "csv",
    fileName: options.file.name,
    hash: contentHash([options.file]),
    userId: options.userId,
    mode: options.mode,
    files,
    rows,
    messages,
    fileOfRow: () => options.file.name,
    compare: true,
  });
}

/**
 * Stored Sotkanet answers: any mix of indicator metadata, the region list and data rows. The
 * indicators must be in Sokra's reviewed catalogue (pinned Sotkanet ids); regions are matched by
 * Sotkanet id through the region list (this import's or an earlier one).
 */
export async function importSotkanet(
  db: Db,
  options: { files: NamedFile[]; userId: string | null; mode: ImportMode },
): Promise<ImportResult> {
  const reference = await loadReference(db);
  const bySotkanetId = new Map(
    [...reference.catalogue.values()].filter((i) => i.source === "sotkanet").map((i) => [Number(i.sourceId), i]),
  );
  const files: FileSummary[] = [];
  const messages: (RowMessage & { file: string })[] = [];
  const regions: SotkanetRegion[] = [];
  const metadata: { file: string; indicator: SotkanetIndicator & { row: number } }[] = [];
  const data: { file: string; rows: SotkanetDataRow[] }[] = [];
  for (const f of options.files) {
    const parsed = parseSotkanetFile(f.bytes);
    if (!parsed.ok) {
      files.push({ name: f.name, kind: "sotkanet", rows: 0, problem: parsed.problem });
      continue;
    }
    messages.push(...parsed.messages.map((m) => ({ ...m, file: f.name })));
    if (parsed.kind === "regions") {
      files.push({ name: f.name, kind: "regions", rows: parsed.regions.length + parsed.skipped + parsed.messages.length });
      regions.push(...parsed.regions);
    } else if (parsed.kind === "indicators") {
      files.push({ name: f.name, kind: "indicators", rows: parsed.indicators.length + parsed.messages.length });
      for (const indicator of parsed.indicators) metadata.push({ file: f.name, indicator });
    } else {
      files.push({ name: f.name, kind: "data", rows: parsed.rows.length + parsed.messages.length });
      data.push({ file: f.name, rows: parsed.rows });
    }
  }
  // Metadata: the id must be pinned in the catalogue; the unit (value type) must agree.
  for (const { file, indicator } of metadata) {
    const known = bySotkanetId.get(indicator.id);
    if (!known) {
      const byTitle = [...reference.catalogue.values()].find((i) => i.titleFi.toLowerCase() === indicator.title.fi.toLowerCase());
      messages.push({
        row: indicator.row,
        key: byTitle ? "matchedByTitle" : "unknownIndicator",
        params: { value: `${indicator.id} ${indicator.title.fi}`, expected: byTitle?.id ?? "" },
        file,
      });
      continue;
    }
    const unit = indicator.primaryValueType?.title?.fi;
    if (unit && unit.toLowerCase() !== known.unit.toLowerCase()) {
      messages.push({ row: indicator.row, key: "unitMismatch", params: { value: unit, expected: known.unit }, file });
    }
  }
  // Data rows: region by Sotkanet id (this import's list first, then the stored one).
  const stored = await db
    .select({ id: indicatorRegions.sotkanetId, level: indicatorRegions.level, code: indicatorRegions.code })
    .from(indicatorRegions)
    .where(sql`${indicatorRegions.sotkanetId} is not null`);
  const regionOf = new Map<number, { level: Level; code: string }>(stored.map((r) => [r.id as number, r]));
  for (const r of regions) regionOf.set(r.sotkanetId, r);
  // The file of a row is needed only for a refused row's message: it rides on the row itself.
  const rows: (ValueRow & { file: string })[] = [];
  const idOf = new Map<number, string>();
  for (const { file, rows: fileRows } of data) {
    for (const row of fileRows) {
      const region = regionOf.get(row.region);
      if (!region) {
        messages.push({ row: row.row, key: "unknownSotkanetRegion", params: { value: row.region }, file });
        continue;
      }
      let indicatorId = idOf.get(row.indicator);
      if (indicatorId === undefined) {
        indicatorId = `sotkanet-${row.indicator}`;
        idOf.set(row.indicator, indicatorId);
      }
      rows.push({
        row: row.row,
        indicatorId,
        level: region.level,
        regionCode: region.code,
        year: row.year,
        gender: row.gender,
        value: row.value,
        file,
      });
    }
  }
  return runImport(db, {
    format: "sotkanet",
    fileName: options.files.map((f) => f.name).join(", "),
    hash: contentHash(options.files),
    userId: options.userId,
    mode: options.mode,
    files,
    rows,
    messages,
    fileOfRow: (r) => (r as ValueRow & { file?: string }).file ?? "",
    regions,
  });
}

// ---------------------------------------------------------------- runs

export async function findImportRun(db: Executor, id: string) {
  const [run] = await db.select().from(indicatorImportRuns).where(eq(indicatorImportRuns.id, id)).limit(1);
  return run ?? null;
}

export async function listImportRuns(db: Executor, limit = 20) {
  return db
    .select({
      id: indicatorImportRuns.id,
      createdAt: indicatorImportRuns.createdAt,
      format: indicatorImportRuns.format,
      fileName: indicatorImportRuns.fileName,
      saved: indicatorImportRuns.saved,
      insertedCount: indicatorImportRuns.insertedCount,
      updatedCount: indicatorImportRuns.updatedCount,
      unchangedCount: indicatorImportRuns.unchangedCount,
      rejectedCount: indicatorImportRuns.rejectedCount,
      anomalyCount: indicatorImportRuns.anomalyCount,
    })
    .from(indicatorImportRuns)
    .orderBy(desc(indicatorImportRuns.createdAt))
    .limit(limit);
}

async function alreadyLoaded(db: Executor, format: ImportFormat, hash: string): Promise<boolean> {
  const [run] = await db
    .select({ id: indicatorImportRuns.id })
    .from(indicatorImportRuns)
    .where(and(eq(indicatorImportRuns.format, format), eq(indicatorImportRuns.contentHash, hash), eq(indicatorImportRuns.saved, true)))
    .limit(1);
  return Boolean(run);
}

/**
 * Sokra's starting data, at every start: the catalogue and regions (updated in place), and — once
 * per file content — the Diak data set and the population, through the same importers an
 * administrator uses (valid rows; the reports are stored like any other).
 */
export async function loadStartingIndicators(db: Db): Promise<{ hos: ImportResult | null; population: ImportResult | null }> {
  await seedIndicatorCatalogue(db);
  await seedIndicatorRegions(db);
  const hosFiles = HOS_FILES.map((name) => ({ name, bytes: readDataFile(name) }));
  const hos = (await alreadyLoaded(db, "hos", contentHash(hosFiles)))
    ? null
    : await importHos(db, { files: hosFiles, userId: null, mode: "valid_rows" });
  const popFile = { name: POPULATION_FILE, bytes: readDataFile(POPULATION_FILE) };
  const population = (await alreadyLoaded(db, "csv", contentHash([popFile])))
    ? null
    : await importTidyCsv(db, { file: popFile, userId: null, mode: "valid_rows" });
  return { hos, population };
}
