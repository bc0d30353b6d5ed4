// zod schemas of every query and form of the indicator pages.
import { z } from "zod";
import { uploadedFile } from "../../web/upload.ts";
import { parseDay } from "../projects/portfolio-inputs.ts";
import { hasControlCharacter } from "./rows.ts";
import { GENDERS, IMPORT_FORMATS, INDEX_COMPONENTS, LEVELS } from "./schema.ts";

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalText = z.preprocess((v) => (one(v) === "" ? undefined : one(v)), z.string().max(100).optional());

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const format = z.preprocess(one, z.enum(EXPORT_FORMATS).optional().catch(undefined));

/** Map and rankings: which component, which level and year (the year is checked against the data). */
export const indexQuery = z.object({
  component: z.preprocess((v) => one(v) || undefined, z.enum(INDEX_COMPONENTS).default("total")).catch("total"),
  level: z.preprocess((v) => one(v) || undefined, z.enum(LEVELS).default("maakunta")).catch("maakunta"),
  year: z.preprocess(
    (v) => (one(v) === "" || one(v) === undefined ? undefined : Number(one(v))),
    z.number().int().min(1900).max(2100).optional().catch(undefined),
  ),
  format,
});

/** Need and projects: the day on which projects are counted as running (ISO or 31.1.2019; default today). */
export const needQuery = (today: string) =>
  z.object({
    date: z.preprocess(
      (v) => (one(v) === undefined || one(v) === "" ? today : one(v)),
      z
        .string()
        .max(20)
        .transform((s, ctx) => {
          const day = parseDay(s);
          if (!day) {
            ctx.addIssue({ code: "custom", message: "indicators.errors.badDate" });
            return z.NEVER;
          }
          return day;
        }),
    ),
    format,
  });

export const areaParams = z.object({ level: z.enum(LEVELS), code: z.string().regex(/^[0-9A-Za-z]{1,6}$/) });
/** total / male / female; anything else is the total. */
const gender = z.preprocess((v) => one(v) || undefined, z.enum(GENDERS).default("total")).catch("total");
export const areaQuery = z.object({ format, gender });

export const trendParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/) });
export const trendQuery = z.object({
  level: z.preprocess((v) => one(v) || undefined, z.enum(LEVELS).optional()).catch(undefined),
  area: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^[0-9A-Za-z]{1,6}$/)).max(2))
    .catch([]),
  gender,
  format,
});

/** A new index version. */
export const indexVersionInput = z.object({
  name: z.preprocess(
    one,
    z
      .string("indicators.errors.nameRequired")
      .trim()
      .min(1, "indicators.errors.nameRequired")
      .max(100, "indicators.errors.nameTooLong")
      .refine((s) => !hasControlCharacter(s), "indicators.errors.controlCharacter"),
  ),
  indicators: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(100)).min(1, "indicators.errors.noIndicators").max(200),
  ),
  current: z.preprocess(one, z.literal("yes").optional().catch(undefined)),
});

export const importUpload = z.object({
  format: z.preprocess(one, z.enum(IMPORT_FORMATS, "indicators.errors.formatRequired")),
  validRows: z.preprocess(one, z.literal("yes").optional().catch(undefined)),
  files: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(uploadedFile)).catch([]),
});

export { optionalText };

/** Like the web layer's fieldErrors, for this module's message keys (indicators.errors.…). */
export function indicatorFieldErrors(error: z.ZodError, t: (key: never) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    const key = issue.message.startsWith("indicators.errors.") || issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
    out[field] = t(key as never);
  }
  return out;
}

const yearField = (requiredKey: string) =>
  z.preprocess(
    (v) => (one(v) === undefined || String(one(v)).trim() === "" ? undefined : String(one(v)).trim()),
    z
      .string(requiredKey)
      .max(10)
      .regex(/^\d{4}$/, "indicators.errors.badYear")
      .transform(Number)
      .pipe(z.number().int().min(1990, "indicators.errors.badYear").max(2100, "indicators.errors.badYear")),
  );

/** The live Sotkanet fetch: which pinned indicators, which years and genders. */
export const sotkanetFetchInput = z
  .object({
    indicators: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string().regex(/^\d{1,9}$/, "indicators.errors.unknownIndicator"))
        .min(1, "indicators.errors.noIndicators")
        .max(50),
    ),
    yearFrom: yearField("indicators.errors.yearRequired"),
    yearTo: yearField("indicators.errors.yearRequired"),
    genders: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.enum(["total", "male", "female"], "indicators.errors.noGender"))
        .min(1, "indicators.errors.noGender")
        .max(3),
    ),
    validRows: z.preprocess(one, z.literal("yes").optional().catch(undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.yearTo < v.yearFrom) ctx.addIssue({ code: "custom", path: ["yearTo"], message: "indicators.errors.yearOrder" });
    else if (v.yearTo - v.yearFrom >= 40) ctx.addIssue({ code: "custom", path: ["yearTo"], message: "indicators.errors.yearSpan" });
  });
