import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { T } from "../../web/i18n.ts";
import type { GroupResults, Visibility } from "./results.ts";
import { roundName } from "./views/manage-pages.tsx";

type Cell = string | number | null;

/**
 * The aggregated results of a view as rows (section, figure, value), with exactly the suppression
 * of the page: a hidden figure is written as the word for hidden, never as a number.
 */
export function resultRows(
  t: T,
  results: GroupResults,
  vis: Visibility,
  projects: { id: string; code: string; name: string }[] = [],
  /** When the figures were computed (roll-ups: they may be a snapshot while newer answers are counted). */
  asOf?: string,
): Cell[][] {
  const a = results.pooled.analysis;
  const hidden = t("survey.results.hidden", { k: vis.k });
  const v = (ok: boolean, x: number | null): Cell => (ok ? x : hidden);
  const fig = t("survey.results.figuresLabel");
  const rows: Cell[][] = [
    [t("survey.export.section"), t("survey.export.figure"), t("survey.export.value")],
    [fig, t("survey.export.comparedWith"), roundName(t, results.followUp)],
    ...(asOf ? [[fig, t("survey.export.asOf"), asOf]] : []),
    [fig, t("survey.results.preResponses"), v(vis.preCount, a.nPreResponses)],
    [fig, t("survey.results.postResponses"), v(vis.postCount, a.nPostResponses)],
    [fig, t("survey.results.pairedN"), v(vis.paired, a.n)],
    [fig, t("survey.results.meanPre"), v(vis.paired, a.meanPre)],
    [fig, t("survey.results.meanPost"), v(vis.paired, a.meanPost)],
    [fig, t("survey.results.meanChangeShort"), v(vis.paired, a.meanChange)],
    [fig, t("survey.export.ciLow"), v(vis.paired, a.ciLow)],
    [fig, t("survey.export.ciHigh"), v(vis.paired, a.ciHigh)],
    [fig, t("survey.export.t"), v(vis.paired, a.t)],
    [fig, t("survey.export.df"), v(vis.paired, a.df)],
    [fig, t("survey.export.tP"), v(vis.paired, a.p)],
    [fig, t("survey.export.wilcoxonV"), v(vis.paired, a.wilcoxon.V)],
    [fig, t("survey.export.wilcoxonP"), v(vis.paired, a.wilcoxon.p)],
    [fig, t("survey.results.dz"), v(vis.paired, a.dz)],
    [fig, t("survey.results.rose"), v(vis.direction[0], a.rose)],
    [fig, t("survey.results.stayed"), v(vis.direction[1], a.stayed)],
    [fig, t("survey.results.fell"), v(vis.direction[2], a.fell)],
    [fig, t("survey.export.alpha"), v(vis.alpha, a.alpha)],
    [fig, t("survey.export.alphaN"), v(vis.alpha, a.alphaN)],
  ];
  const instrument = results.instrument;
  if (instrument) {
    const labels = [...instrument.scale.labels.fi.map((_, i) => String(instrument.scale.min + i)), t("survey.results.unanswered")];
    for (const d of results.pooled.distributions) {
      const shown = vis.distribution.get(`${d.round}:${d.itemIndex}`) ?? [];
      const section = t(d.round === "pre" ? "survey.results.distributionPre" : "survey.results.distributionPost");
      [...d.counts, d.unanswered].forEach((c, i) => {
        rows.push([
          section,
          `${t("survey.results.itemShort", { n: d.itemIndex + 1 })}: ${labels[i]}`,
          d.n >= vis.k && shown[i] ? c : hidden,
        ]);
      });
    }
  }
  for (const p of results.perProject) {
    const info = projects.find((x) => x.id === p.projectId);
    const ok = vis.projects.get(p.projectId) === true && p.analysis.n >= vis.k;
    const section = `${t("survey.rollup.project")}: ${info ? `${info.code} ${info.name}` : p.projectId}`;
    rows.push([section, t("survey.results.pairedN"), ok ? p.analysis.n : hidden]);
    rows.push([section, t("survey.results.meanPre"), ok ? p.analysis.meanPre : hidden]);
    rows.push([section, t("survey.results.meanPost"), ok ? p.analysis.meanPost : hidden]);
    rows.push([section, t("survey.results.meanChangeShort"), ok ? p.analysis.meanChange : hidden]);
  }
  return rows;
}

/** CSV as Excel in Finland reads it (semicolons, BOM, CRLF); text cells never start a formula. */
export function rowsToCsv(rows: Cell[][]): string {
  const safe = (v: Cell) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return `\ufeff${stringify(
    rows.map((r) => r.map(safe)),
    { delimiter: ";", record_delimiter: "windows" },
  )}`;
}

export async function rowsToXlsx(rows: Cell[][], sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sokra";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 48 : 28;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
