import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { desc, eq, getTableColumns } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { organisations } from "../organisations/schema.ts";
import { funders, programmeFunders, programmes, specificObjectives } from "../programmes/schema.ts";
import { areaMaakunnat, areas, municipalities, regionalAuthorities } from "../regions/schema.ts";
import { type Delimiter, type Encoding, type FileProblem, parseCsv } from "./import-csv.ts";
import {
  type CellMessage,
  type Column,
  type ImportReference,
  importedStatus,
  type MappedRow,
  mapRow,
  normaliseName,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
  servedArea,
} from "./import-mapping.ts";
import { importedProjectInput } from "./inputs.ts";
import { findProjectByCode, type ProjectDetails } from "./queries.ts";
import { type ImportMode, projectImportRuns, projectStatusHistory } from "./schema.ts";
import { saveProject } from "./service.ts";

/** The largest file and the most rows one import takes (the whole TL5 programme is about 560 rows). */
export const IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 2000 } as const;

export type RowOutcome = "created" | "updated" | "unchanged" | "rejected";
export const ROW_OUTCOMES: readonly RowOutcome[] = ["created", "updated", "unchanged", "rejected"];

export interface RowReport {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  code: string | null;
  name: string | null;
  outcome: RowOutcome;
  errors: CellMessage[];
  warnings: CellMessage[];
  /** What an update changed (saveProject's field names). */
  changedFields: string[];
}

/** Stored as JSON with the run; rendered in the reader's language (messages are i18n keys). */
export interface ImportReport {
  version: 1;
  encoding: Encoding;
  delimiter: Delimiter;
  ignoredColumns: string[];
  rows: RowReport[];
}

export type ImportCounts = Record<RowOutcome, number>;

export type ImportResult =
  | { ok: false; problem: FileProblem }
  | { ok: true; runId: string | null; saved: boolean; counts: ImportCounts; report: ImportReport };

export interface ImportOptions {
  actorId: string | null;
  fileName: string;
  mode: ImportMode;
  today: string;
  /** Store the run and its report (default true). */
  record?: boolean;
  /** Leave projects that already exist as they are (the start-up load of the shipped sample). */
  onlyNew?: boolean;
}

/** Programmes with their objectives and funders, and the municipalities: what rows are mapped to. */
export async function loadImportReference(db: Executor): Promise<ImportReference> {
  // One query after another: on a pool, parallel queries would hold several connections for little gain.
  const programmeRows = await db.select().from(programmes);
  const objectiveRows = await db.select().from(specificObjectives);
  const funderRows = await db
    .select({ programmeId: programmeFunders.programmeId, funder: funders, authority: regionalAuthorities })
    .from(programmeFunders)
    .innerJoin(funders, eq(funders.id, programmeFunders.funderId))
    .leftJoin(regionalAuthorities, eq(regionalAuthorities.id, funders.regionalAuthorityId));
  const areaRows = await db
    .select({ id: areas.id, structureId: areas.structureId, maakuntaCode: areaMaakunnat.maakuntaCode })
    .from(areas)
    .innerJoin(areaMaakunnat, eq(areaMaakunnat.areaId, areas.id));
  const municipalityRows = await db
    .select({
      code: municipalities.code,
      nameFi: municipalities.nameFi,
      nameSv: municipalities.nameSv,
      maakuntaCode: municipalities.maakuntaCode,
      elyCode2025: municipalities.elyCode2025,
    })
    .from(municipalities);
  const areasOf = (structureId: string) => {
    const byArea = new Map<string, string[]>();
    for (const a of areaRows) if (a.structureId === structureId) byArea.set(a.id, [...(byArea.get(a.id) ?? []), a.maakuntaCode]);
    return [...byArea].map(([id, maakuntaCodes]) => ({ id, maakuntaCodes }));
  };
  return {
    programmes: programmeRows.map((p) => ({
      id: p.id,
      nameFi: p.nameFi,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      objectives: objectiveRows.filter((o) => o.programmeId === p.id).map((o) => ({ id: o.id, code: o.code })),
      funders: funderRows
        .filter((f) => f.programmeId === p.id)
        .map(({ funder: f, authority }) => ({
          id: f.id,
          kind: f.kind,
          nameFi: f.nameFi,
          nameSv: f.nameSv,
          nameEn: f.nameEn,
          elyCode: authority?.kind === "ely" ? authority.code : null,
        })),
      areas: areasOf(p.regionalStructureId),
    })),
    municipalities: municipalityRows,
  };
}

/** Which column a field of the project input comes from, to name it in the report. */
function columnOf(path: readonly PropertyKey[], row: MappedRow): Column | null {
  const [field, sub] = path.map(String);
  const columns: Record<string, Column> = {
    code: "project_code",
    programmeId: "priority_axis",
    objectiveId: "specific_objective",
    funderId: "responsible_authority",
    nameFi: "project_name",
    nameSv: "name_sv",
    nameEn: "name_en",
    summaryFi: "summary_fi",
    summarySv: "summary_sv",
    summaryEn: "summary_en",
    sourceUrl: "source_url",
    plannedStart: "planned_start",
    plannedEnd: "planned_end",
    status: "status_at_capture",
    statusChangedOn: "status_at_capture",
    municipalityCodes: row.listedMunicipalities.length ? "municipalities" : "beneficiary_city",
    "lead.name": "beneficiary_name",
    "lead.type": "beneficiary_type",
    "lead.businessId": "beneficiary_business_id",
  };
  return columns[sub ? `${field}.${sub}` : (field ?? "")] ?? columns[field ?? ""] ?? null;
}

/** The stored project as the raw input the schema reads, so that an import changes only what its file says. */
function inputOf(details: ProjectDetails) {
  const p = details.project;
  return {
    code: p.code,
    programmeId: p.programmeId,
    objectiveId: p.objectiveId,
    actionAreaId: p.actionAreaId,
    scope: p.scope,
    funderId: p.funderId,
    nameFi: p.nameFi,
    nameSv: p.nameSv,
    nameEn: p.nameEn,
    summaryFi: p.summaryFi,
    summarySv: p.summarySv,
    summaryEn: p.summaryEn,
    sourceUrl: p.sourceUrl,
    municipalityCodes: details.municipalityCodes,
    maakuntaCodes: details.maakuntaCodes,
    coImplementers: details.coImplementers.map((c) => ({ name: c.nameFi, type: c.type, businessId: c.businessId ?? "", role: c.role })),
    actualStart: p.actualStart,
    actualEnd: p.actualEnd,
    budgetTotal: p.budgetTotal,
    publicFunding: p.publicFunding,
    targetGroupIds: details.targetGroupIds,
    participantsPlannedWomen: p.participantsPlannedWomen,
    participantsPlannedMen: p.participantsPlannedMen,
    participantsPlannedOther: p.participantsPlannedOther,
    participantsActualWomen: p.participantsActualWomen,
    participantsActualMen: p.participantsActualMen,
    participantsActualOther: p.participantsActualOther,
    website: p.website,
    contactName: p.contactName,
    contactEmail: p.contactEmail,
    contactPhone: p.contactPhone,
  };
}

/** Saves one mapped row (inside the import's transaction); returns its report. */
async function importRow(
  tx: Executor,
  base: Pick<RowReport, "row" | "code" | "name">,
  mapped: MappedRow,
  warnings: CellMessage[],
  options: ImportOptions,
): Promise<RowReport> {
  const code = base.code ?? "";
  const report = (outcome: RowOutcome, extra: Partial<RowReport> = {}): RowReport => ({
    ...base,
    outcome,
    errors: [],
    warnings,
    changedFields: [],
    ...extra,
  });
  const existing = (await findProjectByCode(tx, code, "fi"))?.details;
  if (existing && options.onlyNew) return report("unchanged");

  // A new project gets a served area by the stated assumption; an existing one keeps its own
  // unless the file lists municipalities.
  let served: { scope: string; municipalityCodes: string[]; maakuntaCodes: string[] };
  if (existing && mapped.listedMunicipalities.length === 0) {
    served = { scope: existing.project.scope, municipalityCodes: existing.municipalityCodes, maakuntaCodes: existing.maakuntaCodes };
  } else {
    const area = servedArea(mapped.funderKind, mapped.leadMunicipality, mapped.listedMunicipalities);
    served = { scope: area.scope, municipalityCodes: area.municipalityCodes, maakuntaCodes: [] };
    if (area.assumed) warnings.push({ column: "beneficiary_city", key: "import.warnings.servedAreaAssumed" });
    if (area.assumed && !mapped.leadInFunderArea) warnings.push({ column: "beneficiary_city", key: "import.warnings.outsideFunderArea" });
  }
  const status = importedStatus(existing?.project.status ?? null, mapped.status);
  if (status.kept) warnings.push({ column: "status_at_capture", key: "import.warnings.statusKept" });
  // Empty or absent optional cells keep what Sokra has.
  const kept = existing ? inputOf(existing) : null;
  const candidate = {
    ...kept,
    ...served,
    code,
    programmeId: mapped.programmeId,
    objectiveId: mapped.objectiveId,
    funderId: mapped.funderId,
    nameFi: mapped.nameFi,
    nameSv: mapped.nameSv ?? kept?.nameSv ?? null,
    nameEn: mapped.nameEn ?? kept?.nameEn ?? null,
    summaryFi: mapped.summaryFi ?? kept?.summaryFi ?? null,
    summarySv: mapped.summarySv ?? kept?.summarySv ?? null,
    summaryEn: mapped.summaryEn ?? kept?.summaryEn ?? null,
    sourceUrl: mapped.sourceUrl ?? kept?.sourceUrl ?? null,
    lead: mapped.lead,
    plannedStart: mapped.plannedStart,
    plannedEnd: mapped.plannedEnd,
    status: status.status,
    statusChangedOn: status.kept ? null : mapped.statusChangedOn,
  };
  const parsed = importedProjectInput.safeParse(candidate);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      column: columnOf(i.path, mapped),
      key: i.message.startsWith("errors.") ? i.message : "errors.invalid",
    }));
    return report("rejected", { errors, warnings: [] });
  }
  if (parsed.data.summaryFi === null) warnings.push({ column: "summary_fi", key: "import.warnings.summaryMissing" });

  const [organisation] = await tx
    .select({ nameFi: organisations.nameFi })
    .from(organisations)
    .where(eq(organisations.businessId, mapped.lead.businessId));
  if (organisation && normaliseName(organisation.nameFi) !== normaliseName(mapped.lead.name)) {
    warnings.push({ column: "beneficiary_name", key: "import.warnings.organisationMatched", params: { name: organisation.nameFi } });
  }

  const saved = await saveProject(tx, options.actorId, parsed.data, {
    today: options.today,
    ...(existing ? { projectId: existing.project.id } : {}),
  });
  if (!saved.ok) {
    const errors = Object.entries(saved.errors).map(([field, key]) => ({
      column: columnOf([field], mapped),
      key: key ?? "errors.invalid",
    }));
    return report("rejected", { errors, warnings: [] });
  }
  if (saved.created && mapped.status === "ended" && mapped.plannedStart < mapped.statusChangedOn) {
    // An ended project ran before it ended: its history says so, for the as-of statistics.
    await tx
      .insert(projectStatusHistory)
      .values({ projectId: saved.id, status: "running", changedOn: mapped.plannedStart, changedBy: options.actorId });
  }
  if (saved.created) return report("created");
  return saved.changed ? report("updated", { changedFields: saved.changedFields }) : report("unchanged");
}

/** Thrown inside the import's savepoint to undo every row when all-or-nothing meets a rejected row. */
class RollBack extends Error {}

/**
 * Imports a CSV file of projects. A problem with the whole file (encoding, columns, size) imports
 * nothing. Otherwise every row is mapped and saved through saveProject in one transaction:
 * all-or-nothing undoes every row when one is rejected; skip_rejected keeps the valid rows.
 * Projects are matched by code; a second import of the same file changes nothing.
 */
export async function importProjects(db: Db, bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const parsed = parseCsv(bytes, { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS, ...IMPORT_LIMITS });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { csv } = parsed;
  const reference = await loadImportReference(db);
  const mapped = csv.rows.map((row) => ({ row, mapping: mapRow(row, reference, options.today) }));

  // A code on several rows: which one is right cannot be known, so all of them are rejected.
  const rowsByCode = new Map<string, number[]>();
  for (const { row, mapping } of mapped) if (mapping.code) rowsByCode.set(mapping.code, [...(rowsByCode.get(mapping.code) ?? []), row.row]);

  let saved = true;
  let reports: RowReport[] = [];
  let runId: string | null = null;
  const reportOf = (): ImportReport => ({
    version: 1,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    ignoredColumns: csv.ignoredColumns,
    rows: reports,
  });
  await db.transaction(async (tx) => {
    try {
      await tx.transaction(async (rowsTx) => {
        reports = [];
        for (const { row, mapping } of mapped) {
          const base = { row: row.row, code: mapping.code, name: row.cells.project_name || null };
          const sameCode = mapping.code ? (rowsByCode.get(mapping.code) ?? []) : [];
          const duplicate =
            sameCode.length > 1
              ? [{ column: "project_code" as const, key: "import.rowErrors.duplicateCode", params: { rows: sameCode.join(", ") } }]
              : [];
          if (!mapping.ok || duplicate.length) {
            const errors = [...duplicate, ...(mapping.ok ? [] : mapping.errors)];
            reports.push({ ...base, outcome: "rejected", errors, warnings: [], changedFields: [] });
            continue;
          }
          reports.push(await importRow(rowsTx, base, mapping.row, [...mapping.warnings], options));
        }
        if (options.mode === "all_or_nothing" && reports.some((r) => r.outcome === "rejected")) throw new RollBack();
      });
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
      saved = false;
    }
    if (options.record === false) return;
    const counts = countOutcomes(reports);
    const [run] = await tx
      .insert(projectImportRuns)
      .values({
        createdBy: options.actorId,
        fileName: options.fileName,
        mode: options.mode,
        saved,
        createdCount: counts.created,
        updatedCount: counts.updated,
        unchangedCount: counts.unchanged,
        rejectedCount: counts.rejected,
        report: reportOf(),
      })
      .returning({ id: projectImportRuns.id });
    runId = run?.id ?? null;
    if (runId) {
      await recordAudit(tx, {
        actorUserId: options.actorId,
        action: "projects.import",
        entity: "project_import_run",
        entityId: runId,
        changes: { fileName: options.fileName, mode: options.mode, saved, ...counts },
      });
    }
  });
  return { ok: true, runId, saved, counts: countOutcomes(reports), report: reportOf() };
}

export function countOutcomes(rows: readonly RowReport[]): ImportCounts {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
}

export type ImportRun = typeof projectImportRuns.$inferSelect & { report: ImportReport };

/** One stored run, or null. */
export async function findImportRun(db: Executor, id: string): Promise<ImportRun | null> {
  const [run] = await db.select().from(projectImportRuns).where(eq(projectImportRuns.id, id));
  return run ? (run as ImportRun) : null;
}

/** The newest runs of one importer (or of everyone when `userId` is null), without their reports. */
export async function listImportRuns(db: Executor, userId: string | null, limit = 10) {
  const { report: _report, ...columns } = getTableColumns(projectImportRuns);
  return db
    .select(columns)
    .from(projectImportRuns)
    .where(userId ? eq(projectImportRuns.createdBy, userId) : undefined)
    .orderBy(desc(projectImportRuns.createdAt))
    .limit(limit);
}

/** The three real ESF 2014–2020 TL5 projects shipped in data/projects/ (see its README). */
export const SAMPLE_FILE = resolve(import.meta.dirname, "../../../data/projects/esr-tl5-projects-sample.csv");

/**
 * Loads the shipped sample projects through the importer, at every start. Only missing ones are
 * created: what people have since edited in them is never overwritten.
 */
export async function loadSampleProjects(db: Db, today: string): Promise<ImportResult> {
  return importProjects(db, readFileSync(SAMPLE_FILE), {
    actorId: null,
    fileName: "esr-tl5-projects-sample.csv",
    mode: "all_or_nothing",
    today,
    record: false,
    onlyNew: true,
  });
}
