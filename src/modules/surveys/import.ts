import type { CsvRow } from "../projects/import-csv.ts";
import type { Answer, Instrument } from "./instrument.ts";

/** Columns of an answer file (the layout of the R reference file): round is `pre` or `post`. */
export function answerColumns(instrument: Instrument): string[] {
  return ["project_code", "respondent_code", "round", ...instrument.items.map((_, i) => `item${i + 1}`)];
}

export const ANSWER_IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 50_000 };

export type RowProblem = "project" | "code" | "round" | "item" | "nothingAnswered" | "duplicate" | "alreadyAnswered";

export interface ImportedAnswer {
  row: number;
  code: string;
  round: "pre" | "post";
  answers: Answer[];
}

export interface RowReport {
  row: number;
  problems: { problem: RowProblem; column?: string }[];
}

/** A respondent code from a card or an earlier tool: letters and digits, hyphens and spaces ignored. */
export function normaliseImportedCode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[\s-]/g, "");
  return /^[A-Z0-9]{4,32}$/.test(code) ? code : null;
}

/**
 * Checks each row of an answer file for one project: its code, the round, every item on the scale
 * or empty, at least one answer, and no code twice in the same round. Pure: the caller checks the
 * codes already answered in the database (`alreadyAnswered`).
 */
export function checkAnswerRows(
  instrument: Instrument,
  projectCode: string,
  rows: readonly CsvRow[],
  answered: ReadonlySet<string> = new Set(),
): { answers: ImportedAnswer[]; reports: RowReport[] } {
  const answers: ImportedAnswer[] = [];
  const reports: RowReport[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const problems: RowReport["problems"] = [];
    if ((r.cells.project_code ?? "").toUpperCase() !== projectCode.toUpperCase())
      problems.push({ problem: "project", column: "project_code" });
    const code = normaliseImportedCode(r.cells.respondent_code ?? "");
    if (!code) problems.push({ problem: "code", column: "respondent_code" });
    const round = (r.cells.round ?? "").toLowerCase();
    if (round !== "pre" && round !== "post") problems.push({ problem: "round", column: "round" });
    const values: Answer[] = [];
    instrument.items.forEach((_, i) => {
      const column = `item${i + 1}`;
      const cell = r.cells[column] ?? "";
      if (cell === "") {
        values.push(null);
        return;
      }
      const v = /^\d{1,2}$/.test(cell) ? Number(cell) : Number.NaN;
      if (!(v >= instrument.scale.min && v <= instrument.scale.max)) problems.push({ problem: "item", column });
      values.push(Number.isNaN(v) ? null : v);
    });
    if (values.every((v) => v === null) && !problems.some((p) => p.problem === "item")) problems.push({ problem: "nothingAnswered" });
    if (code && (round === "pre" || round === "post")) {
      const key = `${round}:${code}`;
      if (seen.has(key)) problems.push({ problem: "duplicate", column: "respondent_code" });
      else if (answered.has(key)) problems.push({ problem: "alreadyAnswered", column: "respondent_code" });
      seen.add(key);
    }
    if (problems.length > 0) reports.push({ row: r.row, problems });
    else answers.push({ row: r.row, code: code as string, round: round as "pre" | "post", answers: values });
  }
  return { answers, reports };
}
