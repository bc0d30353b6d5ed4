import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { FastifyReply } from "fastify";
import type { ExportFormat } from "./inputs.ts";

type CellValue = string | number | null;

/** CSV as Excel in Finland reads it (semicolons, BOM, CRLF); formula-looking cells get a leading '. */
export function tableCsv(header: string[], rows: CellValue[][]): string {
  const safe = (v: CellValue) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return `\ufeff${stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ";", record_delimiter: "windows" })}`;
}

export async function tableXlsx(sheetName: string, header: string[], rows: CellValue[][], attribution: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sokra";
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31));
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, Math.min(40, h.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const r of rows) sheet.addRow(r);
  sheet.addRow([]);
  sheet.addRow([attribution]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends a table as a download; the attribution goes with it (CSV: a last row; XLSX: under the table). */
export async function sendTable(
  reply: FastifyReply,
  format: ExportFormat,
  fileBase: string,
  header: string[],
  rows: CellValue[][],
  attribution: string,
): Promise<FastifyReply> {
  const name = fileBase.replace(/[^a-z0-9-]/gi, "-");
  if (format === "csv") {
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}.csv"`)
      .send(tableCsv(header, [...rows, [], [attribution]]));
  }
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header("content-disposition", `attachment; filename="${name}.xlsx"`)
    .send(await tableXlsx(fileBase, header, rows, attribution));
}
