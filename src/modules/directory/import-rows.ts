/**
 * Pure: one CSV row of organisations or people → a checked record or the reasons it is refused,
 * each with its column and an i18n key (shown in the reader's language on the report).
 */

import { ORGANISATION_TYPES, type OrganisationType } from "../organisations/schema.ts";
import { normaliseBusinessId } from "../projects/business-id.ts";
import { importedPersonInput } from "./inputs.ts";
import type { AreaRole, ProjectRole, Visibility } from "./schema.ts";

export const ORGANISATION_COLUMNS = {
  required: ["name_fi", "business_id", "type"],
  optional: ["name_sv", "home_municipality", "website"],
} as const;
export const PEOPLE_COLUMNS = {
  required: ["name", "visibility", "consent_date"],
  optional: ["title", "organisation_business_id", "email", "phone", "area", "area_role", "project_code", "project_role"],
} as const;

export interface CellError {
  column: string;
  key: string;
}

export interface OrganisationRow {
  nameFi: string;
  nameSv: string | null;
  businessId: string;
  type: OrganisationType;
  homeMunicipalityCode: string | null;
  website: string | null;
}

export interface PersonRow {
  name: string;
  title: string | null;
  organisationBusinessId: string | null;
  email: string | null;
  phone: string | null;
  visibility: Visibility;
  consentOn: string;
  areaId: string | null;
  areaRole: AreaRole | null;
  projectCode: string | null;
  projectRole: ProjectRole | null;
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; errors: CellError[] };

const CONTROL = /\p{Cc}/u;

/** A Finnish date (31.1.2026) or an ISO one (2026-01-31) → ISO, or null. */
export function parseDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fi ? [fi[3], fi[2], fi[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

/** An organisation row; `municipality` finds a municipality code by its code or its Finnish or Swedish name. */
export function mapOrganisationRow(cells: Record<string, string>, municipality: (text: string) => string | null): Mapped<OrganisationRow> {
  const errors: CellError[] = [];
  const nameFi = cells.name_fi ?? "";
  if (!nameFi) errors.push({ column: "name_fi", key: "errors.organisationName" });
  else if (nameFi.length > 300) errors.push({ column: "name_fi", key: "errors.textTooLong" });
  const nameSv = cells.name_sv || null;
  if (nameSv && nameSv.length > 300) errors.push({ column: "name_sv", key: "errors.textTooLong" });
  for (const column of ["name_fi", "name_sv", "home_municipality", "website"]) {
    if (CONTROL.test(cells[column] ?? "")) errors.push({ column, key: "errors.controlCharacters" });
  }
  const businessId = normaliseBusinessId(cells.business_id ?? "");
  if (!businessId) errors.push({ column: "business_id", key: "errors.businessId" });
  const type = (cells.type ?? "").toLowerCase();
  if (!(ORGANISATION_TYPES as readonly string[]).includes(type)) errors.push({ column: "type", key: "errors.organisationType" });
  let homeMunicipalityCode: string | null = null;
  if (cells.home_municipality) {
    homeMunicipalityCode = municipality(cells.home_municipality);
    if (!homeMunicipalityCode) errors.push({ column: "home_municipality", key: "errors.unknownMunicipality" });
  }
  let website: string | null = null;
  if (cells.website) {
    try {
      const url = new URL(cells.website);
      if (!/^https?:$/.test(url.protocol) || cells.website.length > 500) throw new Error("not http");
      website = cells.website;
    } catch {
      errors.push({ column: "website", key: "errors.url" });
    }
  }
  if (errors.length || !businessId) return { ok: false, errors: dedupe(errors) };
  return { ok: true, value: { nameFi, nameSv, businessId, type: type as OrganisationType, homeMunicipalityCode, website } };
}

/** A person row (references to organisations, areas and projects are checked against the database later). */
export function mapPersonRow(cells: Record<string, string>): Mapped<PersonRow> {
  const consentOn = parseDay(cells.consent_date ?? "");
  const parsed = importedPersonInput.safeParse({
    name: cells.name,
    title: cells.title,
    organisationBusinessId: cells.organisation_business_id,
    email: cells.email,
    phone: cells.phone,
    visibility: (cells.visibility ?? "").toLowerCase(),
    consentOn: consentOn ?? "invalid",
    areaId: cells.area,
    areaRole: cells.area_role ? cells.area_role.toLowerCase() : null,
    projectCode: cells.project_code ? cells.project_code.toUpperCase() : null,
    projectRole: cells.project_role ? cells.project_role.toLowerCase() : null,
  });
  const COLUMN: Record<string, string> = {
    name: "name",
    title: "title",
    organisationBusinessId: "organisation_business_id",
    email: "email",
    phone: "phone",
    visibility: "visibility",
    consentOn: "consent_date",
    areaId: "area",
    areaRole: "area_role",
    projectCode: "project_code",
    projectRole: "project_role",
  };
  const errors: CellError[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        column: COLUMN[String(i.path[0])] ?? String(i.path[0]),
        key: i.message.startsWith("errors.") ? i.message : "errors.invalid",
      }));
  const v = parsed.success ? parsed.data : null;
  if (v && Boolean(v.areaId) !== Boolean(v.areaRole)) errors.push({ column: v.areaId ? "area_role" : "area", key: "errors.required" });
  if (v && Boolean(v.projectCode) !== Boolean(v.projectRole))
    errors.push({ column: v.projectCode ? "project_role" : "project_code", key: "errors.required" });
  if (!v || errors.length) return { ok: false, errors: dedupe(errors) };
  return {
    ok: true,
    value: {
      name: v.name,
      title: v.title,
      organisationBusinessId: v.organisationBusinessId,
      email: v.email,
      phone: v.phone,
      visibility: v.visibility,
      consentOn: v.consentOn,
      areaId: v.areaId,
      areaRole: v.areaRole ?? null,
      projectCode: v.projectCode,
      projectRole: v.projectRole ?? null,
    },
  };
}

function dedupe(errors: CellError[]): CellError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.column}:${e.key}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
