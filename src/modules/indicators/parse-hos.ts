// The shipped Diak data set (data/indicators/hos/, README there): tidy CSV with the columns
// data_version, level, region_code, region_name, variable, dimension, year_or_period, value.
// Pure: bytes → value rows with their CSV row numbers, and per-row messages.
import { parseCsv } from "../projects/import-csv.ts";
import { hasControlCharacter, normaliseRegionCode, parseLevel, parseNumber, type RowMessage, type ValueRow } from "./rows.ts";

export const HOS_COLUMNS = ["data_version", "level", "region_code", "variable", "dimension", "year_or_period", "value"] as const;
export const HOS_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000 } as const;

export type HosFileResult =
  | { ok: true; rows: ValueRow[]; messages: RowMessage[]; dataVersions: string[] }
  | { ok: false; problem: { key: string; [k: string]: unknown } };

/**
 * The year a period stands for: a year as such; a window "2018-2020" its centre year (the data
 * set's time series labels the same values 2019); "latest" (survey items of the cross-section) the
 * centre year of the file's windows.
 */
export function periodYear(period: string, windowCentre: number | null): number | null {
  const t = period.trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  const w = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(t);
  if (w) {
    const a = Number(w[1]);
    const b = Number(w[2]);
    return b >= a && (a + b) % 2 === 0 ? (a + b) / 2 : null;
  }
  if (t.toLowerCase() === "latest") return windowCentre;
  return null;
}

/** Reads one file of the data set. `variableIds` maps the Finnish variable name to Sokra's indicator id. */
export function parseHosFile(bytes: Uint8Array, variableIds: ReadonlyMap<string, string>): HosFileResult {
  const parsed = parseCsv(bytes, { required: HOS_COLUMNS, optional: ["region_name"], ...HOS_LIMITS });
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const rows: ValueRow[] = [];
  const messages: RowMessage[] = [];
  const versions = new Set<string>();
  const centres = parsed.csv.rows.map((r) => periodYear(r.cells.year_or_period ?? "", null)).filter((y) => y !== null);
  const windowCentre = parsed.csv.rows.some((r) => /\d{4}\s*[-–]\s*\d{4}/.test(r.cells.year_or_period ?? "")) ? (centres[0] ?? null) : null;
  for (const { row, cells } of parsed.csv.rows) {
    const text = Object.values(cells).join("");
    if (hasControlCharacter(text)) {
      messages.push({ row, key: "controlCharacter" });
      continue;
    }
    const level = parseLevel(cells.level ?? "");
    if (!level) {
      messages.push({ row, key: "unknownLevel", params: { value: cells.level ?? "" } });
      continue;
    }
    const indicatorId = variableIds.get(cells.variable ?? "");
    if (!indicatorId) {
      messages.push({ row, key: "unknownIndicator", params: { value: cells.variable ?? "" } });
      continue;
    }
    if ((cells.year_or_period ?? "") === "") {
      messages.push({ row, key: "missingYear" });
      continue;
    }
    const year = periodYear(cells.year_or_period ?? "", windowCentre);
    if (year === null) {
      messages.push({
        row,
        key: cells.year_or_period?.toLowerCase() === "latest" ? "periodWithoutWindow" : "badYear",
        params: { value: cells.year_or_period ?? "" },
      });
      continue;
    }
    if ((cells.value ?? "") === "" || cells.value === "NA") {
      messages.push({ row, key: "missingValue" });
      continue;
    }
    const value = parseNumber(cells.value ?? "");
    if (value === null) {
      messages.push({ row, key: "notANumber", params: { value: cells.value ?? "" } });
      continue;
    }
    if (cells.data_version) versions.add(cells.data_version);
    rows.push({ row, indicatorId, level, regionCode: normaliseRegionCode(level, cells.region_code ?? ""), year, gender: "total", value });
  }
  return { ok: true, rows, messages, dataVersions: [...versions] };
}
