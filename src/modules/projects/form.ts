/**
 * The project edit form as plain HTML fields ↔ the `projectInput` schema. Pure: no I/O.
 *
 * The form is flat (`leadName`, `coName_0`, `municipalities` as typed names) so that it works
 * without JavaScript; these functions turn it into the nested input the service takes, map the
 * schema's error paths back to form fields, and fill the form from a saved project.
 */
import type { ZodError } from "zod";
import type { ProjectDetails } from "./queries.ts";

export type ProjectFormValues = Record<string, string | string[]>;

/** Empty co-implementer rows offered under the filled ones (the "add another" pattern without JavaScript). */
export const EMPTY_CO_ROWS = 2;
export const MAX_CO_ROWS = 50;

const CO_FIELDS = ["name", "type", "businessId", "role"] as const;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const coField = (field: (typeof CO_FIELDS)[number], row: number) => `co${cap(field)}_${row}`;

/** Keeps what the user sent (strings and lists) so that the form can be shown again. */
export function keepFormValues(body: unknown): ProjectFormValues {
  if (!body || typeof body !== "object") return {};
  const out: ProjectFormValues = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === "_csrf") continue;
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

/** Form fields that have no twin in the input schema (they are nested there). */
const FORM_ONLY = /^(co(Name|Type|BusinessId|Role)_\d+|lead(Name|Type|BusinessId))$/;

const str = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");

/** Splits typed municipality names ("Kuopio, Joensuu; Lieksa") into trimmed, distinct entries. */
export function splitNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export interface FormInput {
  /** The object to validate with `projectInput`. */
  raw: Record<string, unknown>;
  /** Typed municipality names that match no municipality. */
  unknownMunicipalities: string[];
  /** Form row of each co-implementer in `raw.coImplementers` (empty rows are skipped). */
  coRows: number[];
}

/**
 * Builds the `projectInput` object from the form. `findMunicipality` resolves a typed name or code
 * (any case, Finnish or Swedish) to a municipality code.
 */
export function formToInput(body: unknown, findMunicipality: (name: string) => string | undefined): FormInput {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const names = splitNames(str(b.municipalities));
  const codes: string[] = [];
  const unknownMunicipalities: string[] = [];
  for (const n of names) {
    const code = findMunicipality(n);
    if (code) codes.push(code);
    else unknownMunicipalities.push(n);
  }
  const coImplementers: Record<string, string>[] = [];
  const coRows: number[] = [];
  for (let row = 0; row < MAX_CO_ROWS; row++) {
    const name = str(b[coField("name", row)]);
    const businessId = str(b[coField("businessId", row)]);
    // The type select always sends a value: a row counts only when a name or an ID was typed.
    if (!name.trim() && !businessId.trim()) continue;
    // A missing role (an older form) is a co-implementer.
    coImplementers.push({ name, type: str(b[coField("type", row)]), businessId, role: str(b[coField("role", row)]) || "co_implementer" });
    coRows.push(row);
  }
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) {
    if (k === "_csrf" || k === "municipalities" || FORM_ONLY.test(k)) continue;
    raw[k] = v;
  }
  // Fields that may hold one value are never sent as lists.
  for (const k of Object.keys(raw)) if (k !== "maakuntaCodes" && k !== "targetGroupIds" && Array.isArray(raw[k])) raw[k] = str(raw[k]);
  raw.municipalityCodes = codes;
  raw.lead = { name: str(b.leadName), type: str(b.leadType), businessId: str(b.leadBusinessId) };
  raw.coImplementers = coImplementers;
  return { raw, unknownMunicipalities, coRows };
}

/** The form field that shows an error at a schema or service path. */
export function formFieldOf(path: readonly PropertyKey[], coRows: readonly number[]): string {
  const [first, second, third] = path;
  if (first === "lead" && typeof second === "string") return `lead${cap(second)}`;
  if (first === "coImplementers" && typeof second === "number" && typeof third === "string") {
    return coField(third as (typeof CO_FIELDS)[number], coRows[second] ?? second);
  }
  if (first === "municipalityCodes") return "municipalities";
  return String(first ?? "form");
}

/** zod issues → one i18n error key per form field (the first issue of a field wins). */
export function formErrorKeys(error: ZodError, coRows: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = formFieldOf(issue.path, coRows);
    if (out[field]) continue;
    out[field] = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return out;
}

/** Fills the form from a saved project. */
export function detailsToFormValues(details: ProjectDetails, municipalityName: (code: string) => string): ProjectFormValues {
  const p = details.project;
  const text = (v: string | number | null) => (v === null ? "" : String(v));
  const values: ProjectFormValues = {
    code: p.code,
    programmeId: p.programmeId,
    objectiveId: text(p.objectiveId),
    actionAreaId: text(p.actionAreaId),
    scope: p.scope,
    funderId: text(p.funderId),
    status: p.status,
    nameFi: p.nameFi,
    nameSv: text(p.nameSv),
    nameEn: text(p.nameEn),
    summaryFi: text(p.summaryFi),
    summarySv: text(p.summarySv),
    summaryEn: text(p.summaryEn),
    maakuntaCodes: details.maakuntaCodes,
    municipalities: details.municipalityCodes.map(municipalityName).join(", "),
    leadName: details.lead?.nameFi ?? "",
    leadType: details.lead?.type ?? "",
    leadBusinessId: details.lead?.businessId ?? "",
    plannedStart: text(p.plannedStart),
    plannedEnd: text(p.plannedEnd),
    actualStart: text(p.actualStart),
    actualEnd: text(p.actualEnd),
    budgetTotal: text(p.budgetTotal),
    publicFunding: text(p.publicFunding),
    targetGroupIds: details.targetGroupIds,
    participantsPlannedWomen: text(p.participantsPlannedWomen),
    participantsPlannedMen: text(p.participantsPlannedMen),
    participantsPlannedOther: text(p.participantsPlannedOther),
    participantsActualWomen: text(p.participantsActualWomen),
    participantsActualMen: text(p.participantsActualMen),
    participantsActualOther: text(p.participantsActualOther),
    website: text(p.website),
    contactName: text(p.contactName),
    contactEmail: text(p.contactEmail),
    contactPhone: text(p.contactPhone),
  };
  details.coImplementers.forEach((c, row) => {
    values[coField("name", row)] = c.nameFi;
    values[coField("type", row)] = c.type;
    values[coField("businessId", row)] = c.businessId ?? "";
    values[coField("role", row)] = c.role;
  });
  return values;
}

/** How many co-implementer rows the form shows: the filled ones and a few empty ones. */
export function coRowCount(values: ProjectFormValues): number {
  let last = -1;
  for (let row = 0; row < MAX_CO_ROWS; row++) {
    if (CO_FIELDS.some((f) => f !== "type" && f !== "role" && str(values[coField(f, row)]).trim())) last = row;
  }
  return Math.min(MAX_CO_ROWS, last + 1 + EMPTY_CO_ROWS);
}
