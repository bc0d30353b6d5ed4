/**
 * How a row of an EURA-like CSV file becomes a project: pure rules, no I/O. The reference data
 * (programmes, their objectives and funders, municipalities) is passed in. The rules are explained
 * in docs/decisions/0008-project-import.md.
 */
import en from "../../../locales/en.json" with { type: "json" };
import fi from "../../../locales/fi.json" with { type: "json" };
import sv from "../../../locales/sv.json" with { type: "json" };
import { ORGANISATION_TYPES, type OrganisationType } from "../organisations/schema.ts";
import { normaliseBusinessId } from "./business-id.ts";
import type { CsvRow } from "./import-csv.ts";
import { normaliseProjectCode, type Scope, STATUSES, type Status } from "./rules.ts";

/** Columns every file must have (EURA 2014 public project data, as in data/projects/). */
export const REQUIRED_COLUMNS = [
  "project_code",
  "project_name",
  "priority_axis",
  "specific_objective",
  "planned_start",
  "planned_end",
  "status_at_capture",
  "responsible_authority",
  "beneficiary_name",
  "beneficiary_type",
  "beneficiary_business_id",
  "beneficiary_city",
] as const;

/** Columns a file may have; an empty cell keeps what Sokra has. */
export const OPTIONAL_COLUMNS = ["source_url", "name_sv", "name_en", "summary_fi", "summary_sv", "summary_en", "municipalities"] as const;

export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** A message about one cell: an i18n key with its parameters, and the cell's text (shortened). */
export interface CellMessage {
  column: Column | null;
  key: string;
  value?: string;
  params?: Record<string, string | number>;
}

export interface ReferenceProgramme {
  id: string;
  nameFi: string;
  periodStart: string;
  periodEnd: string;
  objectives: { id: string; code: string }[];
  funders: {
    id: string;
    kind: "ministry" | "regional_authority";
    nameFi: string;
    nameSv: string;
    nameEn: string;
    /** Statistics Finland code of the ELY centre (regional funders of 2014–2020), else null. */
    elyCode: number | null;
  }[];
  /** Areas of the programme's regional structure. */
  areas: { id: string; maakuntaCodes: string[] }[];
}

export interface ImportReference {
  programmes: ReferenceProgramme[];
  municipalities: { code: string; nameFi: string; nameSv: string; maakuntaCode: string; elyCode2025: number | null }[];
}

/** Lower case, one kind of dash, single spaces, no full stop at the end: for comparing names. */
export function normaliseName(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .replace(/[.\s]+$/, "")
    .trim();
}

/** A cell a spreadsheet would run as a formula (=, +, -, @ first): refused, never stored. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** A date as EURA (2015-01-01) or Finnish Excel (1.1.2015) writes it, as ISO; null when not a real date. */
export function parseImportDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : finnish ? [finnish[3], finnish[2], finnish[1]] : [];
  if (!y || !m || !d) return null;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1990 || year > 2100) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The programme of a priority axis ("5. Sosiaalinen osallisuus ja köyhyyden torjunta", "TL5",
 * "Toimintalinja 5"): the programme whose Finnish name has "toimintalinja 5" and, when the text
 * names the axis, that name too. Several programmes with the same axis number (e.g. periods) are
 * told apart by the project's start date.
 */
export function mapPriorityAxis(text: string, plannedStart: string | null, programmes: readonly ReferenceProgramme[]): string | null {
  const m = /^\s*(?:tl|toimintalinja)?\s*(\d{1,2})(?:\s*[.:)-]\s*|\s+|$)(.*)$/i.exec(text);
  if (!m?.[1]) return null;
  const axis = Number(m[1]);
  const title = normaliseName(m[2] ?? "");
  const candidates = programmes.filter((p) => {
    const name = normaliseName(p.nameFi);
    return new RegExp(`toimintalinja ${axis}(?!\\d)`).test(name) && (title === "" || name.includes(title));
  });
  if (candidates.length <= 1) return candidates[0]?.id ?? null;
  const inPeriod = plannedStart ? candidates.filter((p) => p.periodStart <= plannedStart && plannedStart <= p.periodEnd) : [];
  return inPeriod.length === 1 ? (inPeriod[0]?.id ?? null) : null;
}

/** The specific objective of "10.1. Työelämän ulkopuolella…" (or just "10.1"): matched by its code. */
export function mapObjective(text: string, programme: ReferenceProgramme): string | null {
  const code = /^\s*(\d+(?:\.\d+)*)\.?(?:\s|$)/.exec(text)?.[1];
  return (code && programme.objectives.find((o) => o.code === code)?.id) || null;
}

/** EURA's status on the day the record was captured → Sokra's lifecycle status. */
const STATUS_WORDS: Record<string, "running" | "ended"> = {
  toiminnassa: "running",
  "toiminta päättynyt": "ended",
  päättynyt: "ended",
};

export function mapStatus(text: string): "running" | "ended" | null {
  return STATUS_WORDS[normaliseName(text)] ?? null;
}

/**
 * The day the imported status took effect: EURA gives no date for it, so a running project is
 * taken to have run from its planned start and an ended one to have ended on its planned end.
 */
export function statusDate(status: "running" | "ended", plannedStart: string, plannedEnd: string): string {
  return status === "running" ? plannedStart : plannedEnd;
}

/**
 * The status an import gives a project Sokra already has: the file's, unless Sokra's is later in
 * the lifecycle (idea → … → running → ended → embedded). EURA's status is from an unknown day, so an
 * older file never moves a project back (e.g. "running" over "ended", or "ended" over "embedded").
 */
export function importedStatus(inSokra: Status | null, fromFile: "running" | "ended"): { status: Status; kept: boolean } {
  if (inSokra && STATUSES.indexOf(inSokra) > STATUSES.indexOf(fromFile)) return { status: inSokra, kept: true };
  return { status: fromFile, kept: false };
}

/** Abbreviations used for the ministry in EURA exports. */
const FUNDER_ALIASES: Record<string, string> = { stm: "sosiaali- ja terveysministeriö" };

function normaliseAuthority(text: string): string {
  const n = normaliseName(text).replace(/elinkeino-,? liikenne- ja ympäristökeskus/g, "ely-keskus");
  return FUNDER_ALIASES[n] ?? n.replace(/\bely$/, "ely-keskus");
}

/**
 * The funder of a responsible authority: the ministry (STM) or an ELY centre by its official name
 * ("Hämeen elinkeino-, liikenne- ja ympäristökeskus" = "Hämeen ELY-keskus"), among the programme's
 * funders, by its Finnish, Swedish or English name.
 */
export function mapFunder(text: string, programme: ReferenceProgramme): ReferenceProgramme["funders"][number] | null {
  const wanted = normaliseAuthority(text);
  if (!wanted) return null;
  return programme.funders.find((f) => [f.nameFi, f.nameSv, f.nameEn].some((n) => normaliseAuthority(n) === wanted)) ?? null;
}

/** EURA's beneficiary types and Sokra's own labels in three languages → organisation type. */
const ORGANISATION_TYPE_WORDS: Record<string, OrganisationType> = (() => {
  const words: Record<string, OrganisationType> = {
    kunta: "municipality",
    kaupunki: "municipality",
    kuntayhtymä: "municipality",
    hyvinvointialue: "wellbeing_county",
    yhdistys: "ngo",
    järjestö: "ngo",
    säätiö: "foundation",
    oppilaitos: "educational",
    koulutuskuntayhtymä: "educational",
    ammattikorkeakoulu: "university",
    yliopisto: "university",
    korkeakoulu: "university",
    seurakunta: "parish",
    yritys: "company",
    osakeyhtiö: "company",
    valtio: "state_authority",
    "valtion virasto": "state_authority",
    "valtion viranomainen": "state_authority",
    muu: "other",
  };
  for (const type of ORGANISATION_TYPES) {
    words[type] = type;
    for (const labels of [fi, sv, en]) words[normaliseName(labels.organisationTypes[type])] = type;
  }
  return words;
})();

export function mapOrganisationType(text: string): OrganisationType | null {
  return ORGANISATION_TYPE_WORDS[normaliseName(text)] ?? null;
}

/** A municipality by its Finnish or Swedish name, or its three-digit code. */
export function mapMunicipality(text: string, municipalities: ImportReference["municipalities"]): string | null {
  const n = normaliseName(text);
  if (!n) return null;
  if (/^\d{3}$/.test(n)) return municipalities.find((m) => m.code === n)?.code ?? null;
  return municipalities.find((m) => normaliseName(m.nameFi) === n || normaliseName(m.nameSv) === n)?.code ?? null;
}

/**
 * What a new project serves. EURA records have no served area: a project funded by the ministry is
 * national; otherwise it is regional, serving the municipalities of the `municipalities` column
 * or, without one, the lead organisation's municipality — an assumption the report states.
 */
export function servedArea(
  funderKind: "ministry" | "regional_authority",
  leadMunicipality: string,
  listed: readonly string[],
): { scope: Scope; municipalityCodes: string[]; assumed: boolean } {
  if (funderKind === "ministry") return { scope: "national", municipalityCodes: [], assumed: false };
  if (listed.length) return { scope: "regional", municipalityCodes: [...new Set(listed)], assumed: false };
  return { scope: "regional", municipalityCodes: [leadMunicipality], assumed: true };
}

/**
 * Whether a regional funder's area covers a municipality: the area(s) of the programme's structure
 * that hold the ELY centre's own maakunnat, against the area of the municipality. A ministry, or a
 * funder whose ELY is unknown, covers everything. Used to flag a doubtful assumed served area.
 */
export function funderCovers(
  funder: ReferenceProgramme["funders"][number],
  municipalityCode: string,
  programme: ReferenceProgramme,
  ref: ImportReference,
): boolean {
  if (funder.kind === "ministry" || funder.elyCode === null) return true;
  const funderMaakunnat = new Set(ref.municipalities.filter((m) => m.elyCode2025 === funder.elyCode).map((m) => m.maakuntaCode));
  const maakunta = ref.municipalities.find((m) => m.code === municipalityCode)?.maakuntaCode;
  if (funderMaakunnat.size === 0 || !maakunta) return true;
  return programme.areas.some((a) => a.maakuntaCodes.includes(maakunta) && a.maakuntaCodes.some((c) => funderMaakunnat.has(c)));
}

/** What one row says, mapped to Sokra's identifiers. Null: the optional cell is empty or absent. */
export interface MappedRow {
  programmeId: string;
  objectiveId: string;
  funderId: string;
  funderKind: "ministry" | "regional_authority";
  /** False when the lead organisation's municipality lies outside the regional funder's area. */
  leadInFunderArea: boolean;
  nameFi: string;
  nameSv: string | null;
  nameEn: string | null;
  summaryFi: string | null;
  summarySv: string | null;
  summaryEn: string | null;
  sourceUrl: string | null;
  plannedStart: string;
  plannedEnd: string;
  status: "running" | "ended";
  statusChangedOn: string;
  lead: { name: string; type: OrganisationType; businessId: string };
  leadMunicipality: string;
  /** Codes from the optional `municipalities` column (empty when absent or empty). */
  listedMunicipalities: string[];
}

export type RowMapping =
  | { ok: true; code: string; row: MappedRow; warnings: CellMessage[] }
  | { ok: false; code: string | null; errors: CellMessage[] };

const shown = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** Text columns that a spreadsheet could run as a formula. */
const TEXT_COLUMNS: Column[] = [
  "project_name",
  "name_sv",
  "name_en",
  "summary_fi",
  "summary_sv",
  "summary_en",
  "beneficiary_name",
  "beneficiary_city",
  "municipalities",
];

/** Maps one row: every problem of every cell is reported, not only the first. */
export function mapRow(row: CsvRow, ref: ImportReference, today: string): RowMapping {
  const cell = (c: Column) => row.cells[c] ?? "";
  const errors: CellMessage[] = [];
  const warnings: CellMessage[] = [];
  const fail = (column: Column | null, key: string, params?: Record<string, string | number>) => {
    const value = column ? cell(column) : "";
    errors.push({ column, key, ...(value ? { value: shown(value) } : {}), ...(params ? { params } : {}) });
  };
  const required = (c: Column) => {
    if (cell(c) === "") fail(c, "errors.required");
    return cell(c);
  };

  if (row.missingCells.length > 0) fail(null, "import.rowErrors.tooFewCells", { cells: row.cellCount });

  const codeText = required("project_code");
  const code = codeText ? normaliseProjectCode(codeText) : null;
  for (const c of TEXT_COLUMNS) if (looksLikeFormula(cell(c))) fail(c, "import.rowErrors.formula");

  const plannedStart = parseImportDate(required("planned_start"));
  if (cell("planned_start") && !plannedStart) fail("planned_start", "errors.date");
  const plannedEnd = parseImportDate(required("planned_end"));
  if (cell("planned_end") && !plannedEnd) fail("planned_end", "errors.date");
  if (plannedStart && plannedEnd && plannedEnd < plannedStart) fail("planned_end", "errors.endBeforeStart");

  const programmeId = required("priority_axis") && mapPriorityAxis(cell("priority_axis"), plannedStart, ref.programmes);
  if (cell("priority_axis") && !programmeId) fail("priority_axis", "import.rowErrors.unknownPriorityAxis");
  const programme = ref.programmes.find((p) => p.id === programmeId);

  let objectiveId: string | null = null;
  let funder: ReferenceProgramme["funders"][number] | null = null;
  if (required("specific_objective") && programme) {
    objectiveId = mapObjective(cell("specific_objective"), programme);
    if (!objectiveId) fail("specific_objective", "import.rowErrors.unknownObjective");
  }
  if (required("responsible_authority") && programme) {
    funder = mapFunder(cell("responsible_authority"), programme);
    if (!funder)
      fail("responsible_authority", "import.rowErrors.unknownFunder", { funders: programme.funders.map((f) => f.nameFi).join(", ") });
  }

  const status = required("status_at_capture") && mapStatus(cell("status_at_capture"));
  if (cell("status_at_capture") && !status) fail("status_at_capture", "import.rowErrors.unknownStatus");

  const nameFi = required("project_name");
  const leadName = required("beneficiary_name");
  const leadType = required("beneficiary_type") && mapOrganisationType(cell("beneficiary_type"));
  if (cell("beneficiary_type") && !leadType) fail("beneficiary_type", "import.rowErrors.unknownOrganisationType");
  const businessId = required("beneficiary_business_id") && normaliseBusinessId(cell("beneficiary_business_id"));
  if (cell("beneficiary_business_id") && !businessId) fail("beneficiary_business_id", "errors.businessId");
  const leadMunicipality = required("beneficiary_city") && mapMunicipality(cell("beneficiary_city"), ref.municipalities);
  if (cell("beneficiary_city") && !leadMunicipality) fail("beneficiary_city", "import.rowErrors.unknownMunicipality");

  const listedMunicipalities: string[] = [];
  for (const name of cell("municipalities")
    .split(/[,;|]/)
    .map((n) => n.trim())
    .filter(Boolean)) {
    const found = mapMunicipality(name, ref.municipalities);
    if (found) listedMunicipalities.push(found);
    else fail("municipalities", "import.rowErrors.unknownListedMunicipality", { name: shown(name) });
  }

  if (
    errors.length > 0 ||
    !code ||
    !programmeId ||
    !objectiveId ||
    !funder ||
    !status ||
    !plannedStart ||
    !plannedEnd ||
    !leadType ||
    !businessId ||
    !leadMunicipality
  ) {
    return { ok: false, code, errors };
  }

  if (status === "running" && plannedEnd < today) warnings.push({ column: "status_at_capture", key: "import.warnings.runningPastEnd" });
  const optional = (c: Column) => cell(c) || null;
  return {
    ok: true,
    code,
    warnings,
    row: {
      programmeId,
      objectiveId,
      funderId: funder.id,
      funderKind: funder.kind,
      leadInFunderArea: programme ? funderCovers(funder, leadMunicipality, programme, ref) : true,
      nameFi,
      nameSv: optional("name_sv"),
      nameEn: optional("name_en"),
      summaryFi: optional("summary_fi"),
      summarySv: optional("summary_sv"),
      summaryEn: optional("summary_en"),
      sourceUrl: optional("source_url"),
      plannedStart,
      plannedEnd,
      status,
      statusChangedOn: statusDate(status, plannedStart, plannedEnd),
      lead: { name: leadName, type: leadType, businessId },
      leadMunicipality,
      listedMunicipalities,
    },
  };
}
