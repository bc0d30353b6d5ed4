import { z } from "zod";
import { optionalUploadedFile } from "../../web/upload.ts";
import { singleLineText } from "../accounts/inputs.ts";
import { ORGANISATION_TYPES } from "../organisations/schema.ts";
import { normaliseBusinessId } from "./business-id.ts";
import { normaliseProjectCode, SCOPES, STATUSES } from "./rules.ts";
import { CO_ORGANISATION_ROLES } from "./schema.ts";

/** No control characters (a NUL byte would make PostgreSQL refuse the value). */
const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** Optional free text: empty becomes null; no NUL or other control characters except line breaks. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.textTooLong")
    .refine((v) => !/[\p{Cc}--[\n\r\t]]/v.test(v), "errors.controlCharacters")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const requiredText = (max: number, requiredKey: string) =>
  z
    .string({ message: requiredKey })
    .trim()
    .min(1, requiredKey)
    .max(max, "errors.textTooLong")
    .refine((v) => !/[\p{Cc}--[\n\r\t]]/v.test(v), "errors.controlCharacters");

const optionalDate = z
  .union([z.literal(""), z.iso.date({ message: "errors.date" })])
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));

/**
 * A whole number typed in a form: spaces (also the no-break space Finnish formatting uses) are
 * thousands separators; empty means unknown (null). Decimals, minus signs and words are refused.
 */
const wholeNumber = (max: number) =>
  z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return null;
      const text = String(v).replace(/[\s\u00a0\u202f]/g, "");
      if (text === "") return null;
      if (/^-\d/.test(text)) {
        ctx.addIssue({ code: "custom", message: "errors.negative" });
        return z.NEVER;
      }
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: "custom", message: /^\d+[.,]\d+$/.test(text) ? "errors.wholeNumber" : "errors.number" });
        return z.NEVER;
      }
      const n = Number(text);
      if (n > max) {
        ctx.addIssue({ code: "custom", message: "errors.tooLarge" });
        return z.NEVER;
      }
      return n;
    });

/** Whole euros, at most 1,000,000,000 € (no TL5 project comes near). */
const euros = wholeNumber(1_000_000_000);
const count = wholeNumber(1_000_000);

/** A form sends one value or many under the same name; both become a list without empties. */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(100).regex(NO_CONTROL, "errors.unknownChoice")).max(400));

const businessId = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === "") return null;
    const n = normaliseBusinessId(v);
    if (!n) {
      ctx.addIssue({ code: "custom", message: "errors.businessId" });
      return z.NEVER;
    }
    return n;
  })
  .nullable()
  .optional()
  .transform((v) => v ?? null);

export const organisationInput = z.object({
  name: singleLineText("errors.organisationName", 300, "errors.textTooLong"),
  type: z.enum(ORGANISATION_TYPES, { message: "errors.organisationType" }),
  businessId,
});
export type OrganisationInput = z.infer<typeof organisationInput>;

/**
 * Rules across fields: dates in order, public funding within the budget, a served area unless
 * national. They run also when other fields failed (so that the user sees every error at once); a
 * field that failed may then still hold its raw value, hence the type checks.
 */
function projectRules(v: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const isDate = (x: unknown): x is string => typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x);
  const isNumber = (x: unknown): x is number => typeof x === "number";
  if (isDate(v.plannedStart) && isDate(v.plannedEnd) && v.plannedEnd < v.plannedStart) {
    ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "errors.endBeforeStart" });
  }
  if (isDate(v.actualStart) && isDate(v.actualEnd) && v.actualEnd < v.actualStart) {
    ctx.addIssue({ code: "custom", path: ["actualEnd"], message: "errors.endBeforeStart" });
  }
  if (isNumber(v.budgetTotal) && isNumber(v.publicFunding) && v.publicFunding > v.budgetTotal) {
    ctx.addIssue({ code: "custom", path: ["publicFunding"], message: "errors.publicOverTotal" });
  }
  const none = (x: unknown) => !Array.isArray(x) || x.length === 0;
  if (v.scope !== "national" && none(v.municipalityCodes) && none(v.maakuntaCodes)) {
    ctx.addIssue({ code: "custom", path: ["municipalityCodes"], message: "errors.servedRequired" });
  }
}
const acrossFields = { when: () => true };

/** A project as the project form sends it: the public Finnish summary is required. */
export const projectInput = z
  .object({
    code: z
      .string({ message: "errors.projectCode" })
      .transform(normaliseProjectCode)
      .pipe(
        z
          .string()
          .min(1, "errors.projectCode")
          .max(20, "errors.projectCode")
          .regex(/^[A-Z0-9-]+$/, "errors.projectCode"),
      ),
    programmeId: z.string({ message: "errors.required" }).min(1, "errors.required").max(100).regex(NO_CONTROL, "errors.unknownChoice"),
    objectiveId: optionalText(100),
    actionAreaId: optionalText(100),
    scope: z.enum(SCOPES, { message: "errors.required" }),
    funderId: optionalText(100),
    nameFi: requiredText(300, "errors.nameFiRequired"),
    nameSv: optionalText(300),
    nameEn: optionalText(300),
    summaryFi: requiredText(5000, "errors.summaryFiRequired"),
    summarySv: optionalText(5000),
    summaryEn: optionalText(5000),
    municipalityCodes: list,
    maakuntaCodes: list,
    lead: organisationInput,
    coImplementers: z
      .array(
        organisationInput.extend({ role: z.enum(CO_ORGANISATION_ROLES, { message: "errors.unknownChoice" }).default("co_implementer") }),
      )
      .max(50)
      .default([]),
    plannedStart: optionalDate,
    plannedEnd: optionalDate,
    actualStart: optionalDate,
    actualEnd: optionalDate,
    budgetTotal: euros,
    publicFunding: euros,
    targetGroupIds: list,
    participantsPlannedWomen: count,
    participantsPlannedMen: count,
    participantsPlannedOther: count,
    participantsActualWomen: count,
    participantsActualMen: count,
    participantsActualOther: count,
    website: z
      .union([
        z.literal(""),
        z
          .url({ protocol: /^https?$/, message: "errors.url" })
          .max(500, "errors.textTooLong")
          .regex(NO_CONTROL, "errors.url"),
      ])
      .nullable()
      .optional()
      .transform((v) => (v ? v : null)),
    contactName: optionalText(200),
    contactEmail: z
      .union([z.literal(""), z.email("errors.emailInvalid").max(254, "errors.emailInvalid")])
      .nullable()
      .optional()
      .transform((v) => (v ? v.toLowerCase() : null)),
    contactPhone: optionalText(40),
    status: z.enum(STATUSES, { message: "errors.required" }),
    /** The day the status took effect (today when not given). */
    statusChangedOn: optionalDate,
  })
  .superRefine(projectRules, acrossFields);
export type ProjectInput = z.infer<typeof projectInput>;

/**
 * A project read from an import file (docs/decisions/0008): the source (EURA 2014) has no public
 * summary, so the Finnish summary may be missing rather than invented; the project page then says
 * it is not yet given. It may carry the address of its public source record.
 */
export const importedProjectInput = z
  .object({
    ...projectInput.shape,
    summaryFi: optionalText(5000),
    sourceUrl: projectInput.shape.website,
  })
  .superRefine(projectRules, acrossFields);
export type ImportedProjectInput = z.infer<typeof importedProjectInput>;
/** The import form: the file (src/web/upload.ts) and the "import the valid rows and skip the rejected ones" box. */
export const importUploadInput = z.object({
  file: optionalUploadedFile,
  skipRejected: z.literal("yes").optional().catch(undefined),
});
