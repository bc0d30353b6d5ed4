import { z } from "zod";
import { singleLineText } from "../accounts/inputs.ts";
import { normaliseBusinessId } from "../projects/business-id.ts";
import { normalisePhone } from "./contact.ts";
import { AREA_ROLES, PROJECT_ROLES, VISIBILITIES } from "./schema.ts";

const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** Optional single-line text: empty → null; control characters are a field error. */
const optionalLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.textTooLong")
    .regex(NO_CONTROL, "errors.controlCharacters")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const personEmail = z
  .string()
  .trim()
  .max(254, "errors.emailInvalid")
  .optional()
  .nullable()
  .transform((v) => (v ? v.toLowerCase() : null))
  .pipe(z.union([z.null(), z.email("errors.emailInvalid")]));

/** Finnish (040 123 4567) or international (+46 8 123 456 78) numbers, stored in E.164. */
export const personPhone = z
  .string()
  .trim()
  .max(40, "errors.phoneInvalid")
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    const phone = normalisePhone(v);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "errors.phoneInvalid" });
      return z.NEVER;
    }
    return phone;
  });

/** A business ID typed by a person: normalised, or a field error. Empty → null. */
export const optionalBusinessId = z
  .string()
  .trim()
  .max(20, "errors.businessId")
  .optional()
  .nullable()
  .transform((v, ctx) => {
    if (!v) return null;
    const id = normaliseBusinessId(v);
    if (!id) {
      ctx.addIssue({ code: "custom", message: "errors.businessId" });
      return z.NEVER;
    }
    return id;
  });

/** One's own directory entry (the "correct my data" form). */
export const ownEntryInput = z.object({
  name: singleLineText("errors.nameRequired", 200, "errors.nameTooLong"),
  title: optionalLine(200),
  organisationBusinessId: optionalBusinessId,
  email: personEmail,
  phone: personPhone,
  visibility: z.enum(VISIBILITIES, { message: "errors.visibilityRequired" }),
});
export type OwnEntryInput = z.infer<typeof ownEntryInput>;

/** The erase form: the person must tick that they understand. */
export const eraseInput = z.object({ confirm: z.literal("yes", { message: "errors.eraseConfirm" }) });

/** The partner finder's GET query: a project code, or free text with target groups and an action area. */
const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .transform((v) => v.filter((x) => x.length > 0 && x.length <= 100 && NO_CONTROL.test(x)).slice(0, 50));

export const partnerQuery = z.object({
  project: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v.trim().toUpperCase().slice(0, 20) : ""))
    .transform((v) => (/^[A-Z0-9-]*$/.test(v) ? v : "")),
  text: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v ?? "").replace(/\p{Cc}/gu, " ").slice(0, 2000)),
  targetGroup: idList.catch([]),
  actionArea: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v && v.length <= 100 && NO_CONTROL.test(v) ? v : "")),
  otherAreas: z.literal("yes").optional().catch(undefined),
  running: z.literal("yes").optional().catch(undefined),
});
export type PartnerQuery = z.infer<typeof partnerQuery>;

/** One person from a CSV import (the columns of docs/operations.md). */
export const importedPersonInput = z.object({
  name: singleLineText("errors.nameRequired", 200, "errors.nameTooLong"),
  title: optionalLine(200),
  organisationBusinessId: optionalBusinessId,
  email: personEmail,
  phone: personPhone,
  visibility: z.enum(VISIBILITIES, { message: "errors.visibilityRequired" }),
  consentOn: z.iso.date({ message: "errors.date" }),
  areaId: optionalLine(100),
  areaRole: z.enum(AREA_ROLES, { message: "errors.unknownChoice" }).optional().nullable(),
  projectCode: optionalLine(20),
  projectRole: z.enum(PROJECT_ROLES, { message: "errors.unknownChoice" }).optional().nullable(),
});
export type ImportedPersonInput = z.infer<typeof importedPersonInput>;
