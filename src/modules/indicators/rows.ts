// What every importer produces and checks, whatever the file format: value rows with the number of
// the row (or JSON element) they came from, and per-row messages. Pure: the reference data the checks
// need (known indicators and regions) is passed in.
import { GENDERS, type Gender, LEVELS, type Level } from "./schema.ts";

export interface ValueRow {
  /** Row number in the file (a CSV's header is row 1; a JSON array's first element is row 1). */
  row: number;
  indicatorId: string;
  level: Level;
  regionCode: string;
  year: number;
  gender: Gender;
  value: number;
}

export type MessageKey =
  | "unknownIndicator"
  | "unknownRegion"
  | "unknownLevel"
  | "unknownGender"
  | "missingYear"
  | "badYear"
  | "missingValue"
  | "notANumber"
  | "duplicate"
  | "unitMismatch"
  | "levelNotForIndicator"
  | "badShape"
  | "controlCharacter"
  | "periodWithoutWindow"
  | "unknownSotkanetRegion"
  | "matchedByTitle";

export interface RowMessage {
  row: number;
  key: MessageKey;
  /** Values shown in the message (the offending text, the expected unit …). */
  params?: Record<string, string | number>;
}

/** What the checks need to know: the indicators (with unit) and the regions by level. */
export interface ImportReference {
  indicators: ReadonlyMap<string, { unit: string; kind: string }>;
  /** `${level}:${code}` of every known region. */
  regions: ReadonlySet<string>;
}

export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

/** True when the text holds a control character (NUL included; tab, CR and LF excepted): never a valid code or name. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** A cell as a number: accepts a decimal comma, no thousands separators, no text. Null otherwise. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\u2212/g, "-");
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

export function parseYear(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return null;
  const y = Number(t);
  return y >= YEAR_RANGE.min && y <= YEAR_RANGE.max ? y : null;
}

/** Sokra's level names, Sotkanet's region categories and the Finnish/English words people write. */
const LEVEL_ALIASES: Record<string, Level> = {
  kunta: "kunta",
  kunnat: "kunta",
  municipality: "kunta",
  seutukunta: "seutukunta",
  seutukunnat: "seutukunta",
  maakunta: "maakunta",
  maakunnat: "maakunta",
  region: "maakunta",
  hyvinvointialue: "hyvinvointialue",
  hyvinvointialueet: "hyvinvointialue",
  wellbeing_services_county: "hyvinvointialue",
  koko_maa: "koko_maa",
  maa: "koko_maa",
  country: "koko_maa",
};

export function parseLevel(text: string): Level | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if ((LEVELS as readonly string[]).includes(t)) return t as Level;
  return LEVEL_ALIASES[t] ?? null;
}

export function parseGender(text: string): Gender | null {
  const t = text.trim().toLowerCase();
  if (t === "") return "total";
  return (GENDERS as readonly string[]).includes(t) ? (t as Gender) : null;
}

/** Region codes as stored: municipalities and seutukunnat 3 digits, maakunnat 2, counties unpadded. */
export function normaliseRegionCode(level: Level, code: string): string {
  const t = code.trim();
  if (!/^\d+$/.test(t)) return t;
  if (level === "kunta" || level === "seutukunta") return t.padStart(3, "0");
  if (level === "maakunta") return t.padStart(2, "0");
  if (level === "hyvinvointialue") return String(Number(t));
  return t;
}

export const valueKey = (r: Pick<ValueRow, "indicatorId" | "level" | "regionCode" | "year" | "gender">) =>
  `${r.indicatorId}|${r.level}|${r.regionCode}|${r.year}|${r.gender}`;

/**
 * The checks every format shares: the indicator and the region exist, and no key occurs twice in
 * one file (every occurrence of a duplicated key is refused: which one is right cannot be known).
 * Returns the accepted rows and the messages of the refused ones.
 */
export function checkRows(
  rows: readonly ValueRow[],
  reference: ImportReference,
): { accepted: ValueRow[]; refused: { source: ValueRow; message: RowMessage }[] } {
  const refused: { source: ValueRow; message: RowMessage }[] = [];
  const messages = { push: (m: RowMessage) => refused.push({ source: current as ValueRow, message: m }) };
  let current: ValueRow | undefined;
  // Duplicates by a numeric key: (indicator, level, region) interned to a small number, then year
  // and gender folded in. A million string keys in a Map took most of this function's time.
  const areas = new Map<string, number>();
  const keys = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ValueRow;
    // Years in YEAR_RANGE (every parser checks) take a slot of 201; any other year is interned with the area.
    const inRange = Number.isInteger(r.year) && r.year >= YEAR_RANGE.min && r.year <= YEAR_RANGE.max;
    const areaKey = inRange ? `${r.indicatorId}|${r.level}|${r.regionCode}` : `${r.indicatorId}|${r.level}|${r.regionCode}|${r.year}`;
    let area = areas.get(areaKey);
    if (area === undefined) {
      area = areas.size;
      areas.set(areaKey, area);
    }
    keys[i] = (area * 201 + (inRange ? r.year - YEAR_RANGE.min : 0)) * 3 + GENDERS.indexOf(r.gender);
  }
  const seen = new Map<number, number>();
  for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  const accepted: ValueRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as ValueRow;
    current = r;
    if (!reference.indicators.has(r.indicatorId)) {
      messages.push({ row: r.row, key: "unknownIndicator", params: { value: r.indicatorId } });
      continue;
    }
    if (!reference.regions.has(`${r.level}:${r.regionCode}`)) {
      messages.push({ row: r.row, key: "unknownRegion", params: { value: r.regionCode, level: r.level } });
      continue;
    }
    if ((seen.get(keys[i] as number) ?? 0) > 1) {
      messages.push({ row: r.row, key: "duplicate", params: { value: `${r.regionCode} ${r.year} ${r.gender}` } });
      continue;
    }
    accepted.push(r);
  }
  return { accepted, refused };
}
