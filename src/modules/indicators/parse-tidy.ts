// The plain tidy CSV format: one value per row.
//   indicator, level, region_code, year, value [, gender] [, unit]
// `indicator` is Sokra's indicator id, or a bare number for a Sotkanet id (127 → sotkanet-127);
// `level` is Sokra's level or a Sotkanet region category (KUNTA, MAAKUNTA …). The column names of a
// Sotkanet-style export (indicator_id, region_category) are accepted too. Pure.
import { parseCsv } from "../projects/import-csv.ts";
import {
  hasControlCharacter,
  normaliseRegionCode,
  parseGender,
  parseLevel,
  parseNumber,
  parseYear,
  type RowMessage,
  type ValueRow,
} from "./rows.ts";

export const TIDY_LIMITS = { maxBytes: 100 * 1024 * 1024, maxRows: 1_100_000 } as const;
const ALIASES: Record<string, string> = { indicator_id: "indicator", region_category: "level", region: "region_code" };
const COLUMNS = ["indicator", "level", "region_code", "year", "value"] as const;
const OPTIONAL = ["gender", "unit", "indicator_title_fi", "region_name"] as const;

export type TidyResult =
  | { ok: true; rows: ValueRow[]; messages: RowMessage[]; units: Map<number, string> }
  | { ok: false; problem: { key: string; [k: string]: unknown } };

export function indicatorIdOf(text: string): string {
  const t = text.trim();
  return /^\d+$/.test(t) ? `sotkanet-${Number(t)}` : t;
}

export function parseTidyCsv(bytes: Uint8Array, limits: { maxBytes: number; maxRows: number } = TIDY_LIMITS): TidyResult {
  const parsed = parseCsv(bytes, { required: [], optional: [...COLUMNS, ...OPTIONAL, ...Object.keys(ALIASES)], ...limits });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const present = new Set(parsed.csv.columns.map((c) => ALIASES[c] ?? c));
  const missing = COLUMNS.filter((c) => !present.has(c));
  if (missing.length)
    return { ok: false, problem: { key: "missingColumns", columns: missing, oneColumn: parsed.csv.columns.length === 1 } };
  const rows: ValueRow[] = [];
  const messages: RowMessage[] = [];
  const units = new Map<number, string>();
  for (const { row, cells: raw } of parsed.csv.rows) {
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) cells[ALIASES[k] ?? k] = v;
    if (hasControlCharacter(Object.values(cells).join(""))) {
      messages.push({ row, key: "controlCharacter" });
      continue;
    }
    const level = parseLevel(cells.level ?? "");
    if (!level) {
      messages.push({ row, key: "unknownLevel", params: { value: cells.level ?? "" } });
      continue;
    }
    const gender = parseGender(cells.gender ?? "");
    if (!gender) {
      messages.push({ row, key: "unknownGender", params: { value: cells.gender ?? "" } });
      continue;
    }
    if ((cells.year ?? "") === "") {
      messages.push({ row, key: "missingYear" });
      continue;
    }
    const year = parseYear(cells.year ?? "");
    if (year === null) {
      messages.push({ row, key: "badYear", params: { value: cells.year ?? "" } });
      continue;
    }
    if ((cells.value ?? "") === "") {
      messages.push({ row, key: "missingValue" });
      continue;
    }
    const value = parseNumber(cells.value ?? "");
    if (value === null) {
      messages.push({ row, key: "notANumber", params: { value: cells.value ?? "" } });
      continue;
    }
    if (cells.unit) units.set(row, cells.unit);
    rows.push({
      row,
      indicatorId: indicatorIdOf(cells.indicator ?? ""),
      level,
      regionCode: normaliseRegionCode(level, cells.region_code ?? ""),
      year,
      gender,
      value,
    });
  }
  return { ok: true, rows, messages, units };
}
