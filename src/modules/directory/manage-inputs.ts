/**
 * The hand-editing forms of the directory (organisations and people) as flat HTML fields ↔ zod
 * schemas. Pure: no I/O. Project roles are rows `projectCode_N` + `projectRole_N` (empty rows are
 * skipped, the "add another" pattern without JavaScript); area roles are checkboxes `areaRoles`
 * with values `areaId:role`.
 */
import { z } from "zod";
import { singleLineText } from "../accounts/inputs.ts";
import { ORGANISATION_TYPES } from "../organisations/schema.ts";
import { optionalBusinessId, personEmail, personPhone } from "./inputs.ts";
import { AREA_ROLES, type AreaRole, PROJECT_ROLES, type ProjectRole, VISIBILITIES } from "./schema.ts";

const NO_CONTROL = /^[^\p{Cc}]*$/u;

const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.textTooLong")
    .regex(NO_CONTROL, "errors.controlCharacters")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const organisationFormInput = z.object({
  nameFi: singleLineText("errors.organisationName", 300, "errors.textTooLong"),
  nameSv: optionalLine(300),
  businessId: optionalBusinessId,
  type: z.enum(ORGANISATION_TYPES, { message: "errors.organisationType" }),
  homeMunicipalityCode: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), z.string().regex(/^\d{3}$/, "errors.unknownMunicipality")])),
  website: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))
    .pipe(
      z.union([
        z.null(),
        z
          .url({ protocol: /^https?$/, message: "errors.url" })
          .max(500, "errors.textTooLong")
          .regex(NO_CONTROL, "errors.url"),
      ]),
    ),
});
export type OrganisationFormInput = z.infer<typeof organisationFormInput>;

/** Empty project-role rows offered under the filled ones; at most this many rows are read. */
export const EMPTY_ROLE_ROWS = 2;
export const MAX_ROLE_ROWS = 50;

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : [];

const areaRole = z
  .string()
  .regex(/^[a-z0-9_-]{1,80}:[a-z_]{1,40}$/, "errors.unknownChoice")
  .transform((v) => {
    const [areaId, role] = v.split(":") as [string, string];
    return { areaId, role: role as AreaRole };
  })
  .refine((v) => (AREA_ROLES as readonly string[]).includes(v.role), "errors.unknownChoice");

export const personFormInput = z.object({
  name: singleLineText("errors.nameRequired", 200, "errors.nameTooLong"),
  title: optionalLine(200),
  organisationBusinessId: optionalBusinessId,
  email: personEmail,
  phone: personPhone,
  visibility: z.enum(VISIBILITIES, { message: "errors.personVisibilityRequired" }),
  consentOn: z.iso.date({ message: "errors.date" }),
  /** The e-mail of the user account the entry is linked to (administrators only), or null. */
  accountEmail: personEmail,
  projectRoles: z
    .array(
      z.object({
        row: z.number().int(),
        code: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9-]{1,20}$/, "errors.projectCode"),
        role: z.enum(PROJECT_ROLES, { message: "errors.unknownChoice" }),
      }),
    )
    .max(MAX_ROLE_ROWS),
  areaRoles: z.array(areaRole).max(40),
});
export type PersonFormInput = z.infer<typeof personFormInput>;

/** The raw object for `personFormInput` from the flat form body. */
export function personFormRaw(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const projectRoles: { row: number; code: string; role: string }[] = [];
  for (let row = 0; row < MAX_ROLE_ROWS; row++) {
    const code = str(b[`projectCode_${row}`]).trim();
    const role = str(b[`projectRole_${row}`]);
    if (!code && !role) continue;
    projectRoles.push({ row, code, role });
  }
  return {
    name: str(b.name),
    title: str(b.title),
    organisationBusinessId: str(b.organisationBusinessId),
    email: str(b.email),
    phone: str(b.phone),
    visibility: str(b.visibility),
    consentOn: str(b.consentOn),
    accountEmail: str(b.accountEmail),
    projectRoles,
    areaRoles: [...new Set(list(b.areaRoles))].slice(0, 40),
  };
}

/** Where a zod issue of `personFormInput` is shown: project rows map back to their row's field. */
export function personFormField(path: readonly PropertyKey[], raw: Record<string, unknown>): string {
  const [first, index, field] = path;
  if (first === "projectRoles" && typeof index === "number") {
    const rows = raw.projectRoles as { row: number }[];
    const row = rows[index]?.row ?? 0;
    return field === "role" ? `projectRole_${row}` : `projectCode_${row}`;
  }
  return String(first ?? "form");
}

/** Form values of project roles: one row per saved role, then empty rows. */
export function projectRoleValues(roles: readonly { code: string; role: ProjectRole }[]): Record<string, string> {
  const out: Record<string, string> = {};
  roles.forEach((r, row) => {
    out[`projectCode_${row}`] = r.code;
    out[`projectRole_${row}`] = r.role;
  });
  return out;
}

/** How many project-role rows the form shows: the filled ones and EMPTY_ROLE_ROWS more. */
export function projectRoleRowCount(values: Record<string, string | string[]>): number {
  let last = -1;
  for (const key of Object.keys(values)) {
    const m = /^projectCode_(\d+)$|^projectRole_(\d+)$/.exec(key);
    const n = Number(m?.[1] ?? m?.[2] ?? -1);
    if (n >= 0 && n < MAX_ROLE_ROWS && (values[key] ?? "") !== "") last = Math.max(last, n);
  }
  return Math.min(last + 1 + EMPTY_ROLE_ROWS, MAX_ROLE_ROWS);
}
