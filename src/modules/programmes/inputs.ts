import { z } from "zod";
import { singleLineText } from "../accounts/inputs.ts";
import { isSafeCodePattern } from "../projects/rules.ts";

const name = singleLineText("errors.required", 300, "errors.textTooLong");

/** The id of a programme: a slug that also appears in URLs and exports, e.g. "esf-plus-2021-2027". */
export const PROGRAMME_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A specific objective's code, e.g. "10.1" or "4.3". */
export const OBJECTIVE_CODE = /^[0-9A-Za-z.]{1,12}$/;
/** An action area's code: a slug. */
export const ACTION_AREA_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .max(100)
          .regex(/^[^\p{Cc}]*$/u, "errors.unknownChoice"),
      )
      .max(100),
  );

/** The "add programme" form (the lines of objectives and action areas are parsed by lines.ts). */
export const programmeForm = z
  .object({
    id: z.string({ message: "errors.programmeId" }).trim().max(60, "errors.programmeId").regex(PROGRAMME_ID, "errors.programmeId"),
    nameFi: name,
    nameSv: name,
    nameEn: name,
    periodStart: z.iso.date({ message: "errors.date" }),
    periodEnd: z.iso.date({ message: "errors.date" }),
    regionalStructure: z
      .string({ message: "errors.required" })
      .min(1, "errors.required")
      .max(100)
      .regex(/^[^\p{Cc}]*$/u, "errors.unknownChoice"),
    projectCodePattern: z
      .string()
      .trim()
      .max(100, "errors.codePattern")
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || isSafeCodePattern(v), "errors.codePattern"),
    objectives: z.string().max(20_000, "errors.textTooLong").optional().default(""),
    actionAreas: z.string().max(20_000, "errors.textTooLong").optional().default(""),
    funders: list.pipe(z.array(z.string()).min(1, "errors.fundersRequired")),
  })
  .superRefine(
    (v, ctx) => {
      const date = (x: unknown): x is string => typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x);
      if (date(v.periodStart) && date(v.periodEnd) && v.periodEnd < v.periodStart) {
        ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "errors.endBeforeStart" });
      }
    },
    { when: () => true },
  );
export type ProgrammeForm = z.infer<typeof programmeForm>;

export const targetGroupForm = z.object({ nameFi: name, nameSv: name, nameEn: name });
export type TargetGroupForm = z.infer<typeof targetGroupForm>;
