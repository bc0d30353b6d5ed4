/**
 * Reading an uploaded CSV file: pure, no I/O. Whatever the bytes, the result is either the rows
 * with their spreadsheet row numbers or one problem with the whole file — never an exception.
 * Accepts what spreadsheets in Finland write: `;` or `,` (or tab) as delimiter, UTF-8 with or
 * without byte-order mark, Windows-1252 / ISO-8859-1 (older Excel), UTF-16 with a byte-order mark,
 * CRLF or LF line ends.
 */
import { parse } from "csv-parse/sync";
import type { T } from "../../web/i18n.ts";

export type Encoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";
export type Delimiter = "," | ";" | "\t";

/** A problem that refuses the whole file (nothing is imported). */
export type FileProblem =
  | { key: "empty" }
  | { key: "tooLarge"; maxMegabytes: number }
  | { key: "spreadsheet" }
  | { key: "binary" }
  | { key: "malformed"; row: number }
  | { key: "missingColumns"; columns: string[]; oneColumn: boolean }
  | { key: "duplicateColumns"; columns: string[] }
  | { key: "noRows" }
  | { key: "tooManyRows"; maxRows: number };

export interface CsvRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** Cell text by column name (names in lower case), trimmed. Missing cells are "". */
  cells: Record<string, string>;
  /** How many cells the row had. */
  cellCount: number;
  /** Required or optional columns the row has no cell for (it is shorter than the header). */
  missingCells: string[];
}

export interface ParsedCsv {
  encoding: Encoding;
  delimiter: Delimiter;
  /** Column names of the header, in lower case, in their order. */
  columns: string[];
  /** Columns that are neither required nor optional: their cells are not read. */
  ignoredColumns: string[];
  rows: CsvRow[];
}

export type CsvResult = { ok: true; csv: ParsedCsv } | { ok: false; problem: FileProblem };

export interface CsvRules {
  required: readonly string[];
  optional: readonly string[];
  maxBytes: number;
  maxRows: number;
}

/** Decodes bytes to text: a byte-order mark decides; otherwise UTF-8 when valid, else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: Excel's "CSV (comma delimited)" in a Finnish Windows writes Windows-1252
    // (a superset of ISO-8859-1 for every printable character).
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** The delimiter of the header line: the most frequent of `;` `,` and tab outside quotes (`,` when none). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ",");
  return best;
}

const normaliseColumn = (name: string) =>
  name
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase();

export function parseCsv(bytes: Uint8Array, rules: CsvRules): CsvResult {
  if (bytes.length > rules.maxBytes) return { ok: false, problem: { key: "tooLarge", maxMegabytes: rules.maxBytes / (1024 * 1024) } };
  // An .xlsx (zip) or an old .xls (OLE2) uploaded instead of CSV.
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    return { ok: false, problem: { key: "spreadsheet" } };
  }
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === "") return { ok: false, problem: { key: "empty" } };
  // NUL never occurs in text; UTF-16 without a byte-order mark or any binary file has many.
  if (text.includes("\u0000")) return { ok: false, problem: { key: "binary" } };

  const delimiter = detectDelimiter(text);
  // Rows of empty cells are skipped below, so reading stops well beyond the limit, not at it.
  const ceiling = rules.maxRows * 2 + 10;
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, {
      delimiter,
      // The raw text of each record, to number rows as a spreadsheet does (csv-parse's own line
      // count is off after a CRLF inside a quoted cell).
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A quote inside an unquoted cell (Yhdistys "Apu" ry) is kept as text, as Excel reads it.
      relax_quotes: true,
      to: ceiling,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === "number" ? (err as { lines: number }).lines : 1;
    return { ok: false, problem: { key: "malformed", row: line } };
  }

  // Row numbers: each record starts after the line breaks of those before it and of the empty
  // lines that precede it.
  const breaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;
  let line = 1;
  const numbered = records.map(({ record, raw }) => {
    const row = line + breaks(/^[\r\n]*/.exec(raw)?.[0] ?? "");
    line += breaks(raw);
    return { record, row };
  });
  const [header, ...body] = numbered;
  if (!header) return { ok: false, problem: { key: "empty" } };
  const columns = header.record.map(normaliseColumn);
  const duplicates = [...new Set(columns.filter((c, i) => c !== "" && columns.indexOf(c) !== i))];
  if (duplicates.length) return { ok: false, problem: { key: "duplicateColumns", columns: duplicates } };
  const missing = rules.required.filter((c) => !columns.includes(c));
  if (missing.length) return { ok: false, problem: { key: "missingColumns", columns: missing, oneColumn: columns.length === 1 } };
  const known = new Set([...rules.required, ...rules.optional]);
  const ignoredColumns = columns.filter((c) => c !== "" && !known.has(c));

  // Spreadsheets often write rows of empty cells (";;;;") after the data: they are not rows.
  const dataRecords = body.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  if (dataRecords.length === 0) return { ok: false, problem: { key: "noRows" } };
  if (dataRecords.length > rules.maxRows || records.length >= ceiling) {
    return { ok: false, problem: { key: "tooManyRows", maxRows: rules.maxRows } };
  }

  const rows: CsvRow[] = dataRecords.map(({ record, row }) => {
    const cells: Record<string, string> = {};
    const missingCells: string[] = [];
    columns.forEach((c, i) => {
      if (!known.has(c)) return;
      cells[c] = (record[i] ?? "").trim();
      if (i >= record.length) missingCells.push(c);
    });
    return { row, cells, cellCount: record.length, missingCells };
  });
  return { ok: true, csv: { encoding, delimiter, columns, ignoredColumns, rows } };
}

/**
 * The translated message of a problem that refuses the whole file. `noRowsKey` names what the file
 * should have held ("no projects", "no answers"): each import says it in its own words.
 */
export function problemMessage(
  t: T,
  problem: FileProblem,
  noRowsKey: "import.fileErrors.noRows" | "directory.import.noRows" | "survey.import.noRows" = "import.fileErrors.noRows",
): string {
  switch (problem.key) {
    case "missingColumns": {
      const text = t("import.fileErrors.missingColumns", { count: problem.columns.length, columns: problem.columns.join(", ") });
      return problem.oneColumn ? `${text} ${t("import.fileErrors.delimiterHint")}` : text;
    }
    case "duplicateColumns":
      return t("import.fileErrors.duplicateColumns", { columns: problem.columns.join(", ") });
    case "tooLarge":
      return t("import.fileErrors.tooLarge", { megabytes: problem.maxMegabytes });
    case "tooManyRows":
      return t("import.fileErrors.tooManyRows", { rows: problem.maxRows });
    case "malformed":
      return t("import.fileErrors.malformed", { row: problem.row });
    case "noRows":
      return t(noRowsKey);
    default:
      return t(`import.fileErrors.${problem.key}`);
  }
}

/** The message for a file cut at `maxBytes`. */
export function tooLargeMessage(t: T, maxBytes: number): string {
  return problemMessage(t, { key: "tooLarge", maxMegabytes: maxBytes / (1024 * 1024) });
}
