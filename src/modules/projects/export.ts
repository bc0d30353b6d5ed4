import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { T } from "../../web/i18n.ts";
import type { Labels } from "./labels.ts";
import type { ExportRow } from "./search.ts";

/** The columns of an export: header text and cell value, in the page's language. */
function columns(t: T, labels: Labels): { header: string; value: (r: ExportRow) => string | number | null }[] {
  const names = (ids: string[], map: Map<string, string>) => ids.map((id) => map.get(id) ?? id).join(", ");
  return [
    { header: t("projects.fields.code"), value: (r) => r.code },
    { header: t("projects.export.name"), value: (r) => r.name },
    { header: t("projects.fields.status"), value: (r) => t(`projects.status.${r.status as "running"}`) },
    {
      header: t("projects.fields.actionArea"),
      value: (r) => (r.actionAreaId ? (labels.actionArea.get(r.actionAreaId) ?? r.actionAreaId) : null),
    },
    { header: t("projects.fields.scope"), value: (r) => t(`projects.scope.${r.scope as "local"}`) },
    { header: t("projects.fields.areas"), value: (r) => names(r.areaIds, labels.area) },
    { header: t("projects.fields.funder"), value: (r) => (r.funderId ? (labels.funder.get(r.funderId) ?? r.funderId) : null) },
    { header: t("projects.fields.lead"), value: (r) => r.leadName },
    { header: t("projects.businessId"), value: (r) => r.leadBusinessId },
    { header: t("projects.export.plannedStart"), value: (r) => r.plannedStart },
    { header: t("projects.export.plannedEnd"), value: (r) => r.plannedEnd },
    { header: t("projects.export.budgetTotal"), value: (r) => r.budgetTotal },
    { header: t("projects.export.publicFunding"), value: (r) => r.publicFunding },
    { header: t("projects.fields.targetGroups"), value: (r) => names(r.targetGroupIds, labels.targetGroup) },
    { header: t("projects.demo"), value: (r) => (r.isDemo ? t("projects.export.yes") : t("projects.export.no")) },
  ];
}

/**
 * CSV as Excel in Finland reads it: semicolons, UTF-8 with a byte-order mark, CRLF line ends.
 * Cells that start with = + - @ are prefixed with ' so that a spreadsheet never runs them as formulas.
 */
export function projectsCsv(rows: ExportRow[], t: T, labels: Labels): string {
  const cols = columns(t, labels);
  const safe = (v: string | number | null) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const data = [cols.map((c) => c.header), ...rows.map((r) => cols.map((c) => safe(c.value(r))))];
  return `\ufeff${stringify(data, { delimiter: ";", record_delimiter: "windows" })}`;
}

export async function projectsXlsx(rows: ExportRow[], t: T, labels: Labels): Promise<Buffer> {
  const cols = columns(t, labels);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sokra";
  const sheet = workbook.addWorksheet(t("projects.search.title"));
  sheet.columns = cols.map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const r of rows) sheet.addRow(cols.map((c) => c.value(r)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
