import { eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { organisationIdByBusinessId } from "../organisations/queries.ts";
import { organisations } from "../organisations/schema.ts";
import type { CsvRow, Delimiter, Encoding, FileProblem } from "../projects/import-csv.ts";
import { parseCsv } from "../projects/import-csv.ts";
import { projectForMatching } from "../projects/queries.ts";
import { municipalities } from "../regions/schema.ts";
import { type CellError, mapOrganisationRow, mapPersonRow, ORGANISATION_COLUMNS, PEOPLE_COLUMNS } from "./import-rows.ts";
import { findArea } from "./queries.ts";
import { directoryImportRuns, type ImportKind, people } from "./schema.ts";
import { insertPerson } from "./service.ts";

export const DIRECTORY_IMPORT_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 5000 } as const;

export type DirectoryRowOutcome = "created" | "updated" | "unchanged" | "rejected";

export interface DirectoryRowReport {
  row: number;
  /** Business ID (organisations) or name (people), to recognise the row. */
  label: string | null;
  outcome: DirectoryRowOutcome;
  errors: (CellError & { params?: Record<string, string> })[];
}

export interface DirectoryImportReport {
  version: 1;
  kind: ImportKind;
  encoding: Encoding;
  delimiter: Delimiter;
  ignoredColumns: string[];
  rows: DirectoryRowReport[];
}

export type DirectoryImportResult =
  | { ok: false; problem: FileProblem }
  | { ok: true; runId: string; saved: boolean; report: DirectoryImportReport };

class RollBack extends Error {}

async function municipalityLookup(db: Executor) {
  const rows = await db.select({ code: municipalities.code, fi: municipalities.nameFi, sv: municipalities.nameSv }).from(municipalities);
  const byText = new Map<string, string>();
  for (const r of rows) {
    byText.set(r.code, r.code);
    byText.set(r.fi.toLowerCase(), r.code);
    byText.set(r.sv.toLowerCase(), r.code);
  }
  return (text: string) => byText.get(text.trim().toLowerCase()) ?? byText.get(text.trim().padStart(3, "0")) ?? null;
}

/**
 * Imports organisations (matched by business ID: created or updated) or people (matched by e-mail
 * when given; with their area or project role) from CSV, in one transaction. A problem with the whole
 * file imports nothing; all-or-nothing undoes every row when one is rejected; skip_rejected keeps the
 * valid rows. The run and its row-by-row report are stored and audited.
 */
export async function importDirectory(
  db: Db,
  bytes: Uint8Array,
  options: { actorId: string; fileName: string; kind: ImportKind; mode: "all_or_nothing" | "skip_rejected" },
): Promise<DirectoryImportResult> {
  const columns = options.kind === "organisations" ? ORGANISATION_COLUMNS : PEOPLE_COLUMNS;
  const parsed = parseCsv(bytes, { required: columns.required, optional: columns.optional, ...DIRECTORY_IMPORT_LIMITS });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { csv } = parsed;
  let rows: DirectoryRowReport[] = [];
  let saved = true;
  const runId = await db.transaction(async (tx) => {
    try {
      await tx.transaction(async (rowsTx) => {
        rows =
          options.kind === "organisations"
            ? await importOrganisations(rowsTx, csv.rows, options.actorId)
            : await importPeople(rowsTx, csv.rows, options.actorId);
        if (options.mode === "all_or_nothing" && rows.some((r) => r.outcome === "rejected")) throw new RollBack();
      });
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
      saved = false;
    }
    const report: DirectoryImportReport = {
      version: 1,
      kind: options.kind,
      encoding: csv.encoding,
      delimiter: csv.delimiter,
      ignoredColumns: csv.ignoredColumns,
      rows,
    };
    const [run] = await tx
      .insert(directoryImportRuns)
      .values({ createdBy: options.actorId, fileName: options.fileName, kind: options.kind, mode: options.mode, saved, report })
      .returning({ id: directoryImportRuns.id });
    if (!run) throw new Error("import run was not stored");
    const counts = Object.fromEntries(
      ["created", "updated", "unchanged", "rejected"].map((o) => [o, rows.filter((r) => r.outcome === o).length]),
    );
    await recordAudit(tx, {
      actorUserId: options.actorId,
      action: "directory.import",
      entity: "directory_import_run",
      entityId: run.id,
      changes: { fileName: options.fileName, kind: options.kind, mode: options.mode, saved, ...counts },
    });
    return run.id;
  });
  return {
    ok: true,
    runId,
    saved,
    report: { version: 1, kind: options.kind, encoding: csv.encoding, delimiter: csv.delimiter, ignoredColumns: csv.ignoredColumns, rows },
  };
}

type Rows = readonly CsvRow[];

async function importOrganisations(tx: Executor, rows: Rows, actorId: string): Promise<DirectoryRowReport[]> {
  const municipality = await municipalityLookup(tx);
  const mapped = rows.map((r) => ({ r, m: mapOrganisationRow(r.cells, municipality) }));
  const rowsById = new Map<string, number[]>();
  for (const { r, m } of mapped) if (m.ok) rowsById.set(m.value.businessId, [...(rowsById.get(m.value.businessId) ?? []), r.row]);
  const out: DirectoryRowReport[] = [];
  for (const { r, m } of mapped) {
    const label = m.ok ? m.value.businessId : r.cells.business_id || null;
    if (!m.ok) {
      out.push({ row: r.row, label, outcome: "rejected", errors: m.errors });
      continue;
    }
    const same = rowsById.get(m.value.businessId) ?? [];
    if (same.length > 1) {
      out.push({
        row: r.row,
        label,
        outcome: "rejected",
        errors: [{ column: "business_id", key: "errors.businessIdInFileTwice", params: { rows: same.join(", ") } }],
      });
      continue;
    }
    const [before] = await tx.select().from(organisations).where(eq(organisations.businessId, m.value.businessId));
    const values = { ...m.value };
    if (!before) {
      const [row] = await tx.insert(organisations).values(values).returning({ id: organisations.id });
      await recordAudit(tx, {
        actorUserId: actorId,
        action: "organisation.create",
        entity: "organisation",
        entityId: row?.id ?? "",
        changes: values,
      });
      out.push({ row: r.row, label, outcome: "created", errors: [] });
      continue;
    }
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values))
      if ((before as Record<string, unknown>)[k] !== v) changes[k] = { from: (before as Record<string, unknown>)[k], to: v };
    if (Object.keys(changes).length === 0) {
      out.push({ row: r.row, label, outcome: "unchanged", errors: [] });
      continue;
    }
    await tx
      .update(organisations)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(organisations.id, before.id));
    await recordAudit(tx, { actorUserId: actorId, action: "organisation.update", entity: "organisation", entityId: before.id, changes });
    out.push({ row: r.row, label, outcome: "updated", errors: [] });
  }
  return out;
}

async function importPeople(tx: Executor, rows: Rows, actorId: string): Promise<DirectoryRowReport[]> {
  const out: DirectoryRowReport[] = [];
  const emails = new Map<string, number[]>();
  const mapped = rows.map((r) => ({ r, m: mapPersonRow(r.cells) }));
  for (const { r, m } of mapped) if (m.ok && m.value.email) emails.set(m.value.email, [...(emails.get(m.value.email) ?? []), r.row]);
  for (const { r, m } of mapped) {
    const label = r.cells.name || null;
    if (!m.ok) {
      out.push({ row: r.row, label, outcome: "rejected", errors: m.errors });
      continue;
    }
    const p = m.value;
    const errors: DirectoryRowReport["errors"] = [];
    const same = p.email ? (emails.get(p.email) ?? []) : [];
    if (same.length > 1) errors.push({ column: "email", key: "errors.emailInFileTwice", params: { rows: same.join(", ") } });
    const organisationId = p.organisationBusinessId ? await organisationIdByBusinessId(tx, p.organisationBusinessId) : null;
    if (p.organisationBusinessId && !organisationId) errors.push({ column: "organisation_business_id", key: "errors.unknownBusinessId" });
    if (p.areaId && !(await findArea(tx, p.areaId, "fi"))) errors.push({ column: "area", key: "errors.unknownChoice" });
    const project = p.projectCode ? await projectForMatching(tx, p.projectCode) : null;
    if (p.projectCode && !project) errors.push({ column: "project_code", key: "errors.unknownProject" });
    if (p.email && (await tx.select({ id: people.id }).from(people).where(sql`lower(${people.email}) = ${p.email}`).limit(1)).length > 0) {
      errors.push({ column: "email", key: "errors.personExists" });
    }
    if (errors.length) {
      out.push({ row: r.row, label, outcome: "rejected", errors });
      continue;
    }
    await insertPerson(
      tx,
      actorId,
      { name: p.name, title: p.title, organisationId, email: p.email, phone: p.phone, visibility: p.visibility, consentOn: p.consentOn },
      {
        ...(p.areaId && p.areaRole ? { area: { areaId: p.areaId, role: p.areaRole } } : {}),
        ...(project && p.projectRole ? { project: { projectId: project.id, role: p.projectRole } } : {}),
      },
    );
    out.push({ row: r.row, label, outcome: "created", errors: [] });
  }
  return out;
}

export async function findDirectoryImportRun(db: Executor, id: string) {
  const [row] = await db.select().from(directoryImportRuns).where(eq(directoryImportRuns.id, id)).limit(1);
  return row ? { ...row, report: row.report as DirectoryImportReport } : null;
}
