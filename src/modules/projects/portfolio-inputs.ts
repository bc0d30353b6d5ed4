import { z } from "zod";

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Years the statistics accept: wide enough for any programme, narrow enough to stay a real date. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/**
 * A day typed by a person, as ISO `2019-01-31` or the Finnish and Swedish `31.1.2019` (also
 * `31/1/2019`), leading zeros optional; returns the ISO day, or null when it is not a real calendar day.
 */
export function parseDay(input: string): string | null {
  const s = input.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12) return null;
  const days = m === 2 && isLeap(y) ? 29 : (DAYS[m - 1] ?? 0);
  if (d < 1 || d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** An optional single text parameter: absent or empty → null; anything else must be a string. */
const optionalText = (message: string) =>
  z
    .string({ error: message })
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? null : v.trim()));

/**
 * The query of the portfolio page (a plain GET form, so the URL can be shared). The day defaults
 * to today; programme and area must be ones Sokra knows. Errors are message keys shown in the form.
 */
export function portfolioQuery(known: { programmes: ReadonlySet<string>; areas: ReadonlySet<string> }, today: string) {
  return z.object({
    date: optionalText("errors.date").pipe(
      z
        .string()
        .max(40, "errors.date")
        .nullable()
        .transform((v, ctx) => {
          if (v === null) return today;
          const day = parseDay(v);
          if (day === null) {
            ctx.addIssue({ code: "custom", message: "errors.date" });
            return z.NEVER;
          }
          return day;
        }),
    ),
    programme: optionalText("errors.unknownChoice").refine((v) => v === null || known.programmes.has(v), "errors.unknownChoice"),
    area: optionalText("errors.unknownChoice").refine((v) => v === null || known.areas.has(v), "errors.unknownChoice"),
  });
}
