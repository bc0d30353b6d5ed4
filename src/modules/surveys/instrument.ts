import { z } from "zod";

/** Languages an instrument is worded in; every instrument has all three (a working translation at least). */
export const SURVEY_LANGUAGES = ["fi", "sv", "en"] as const;
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number];

const text = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) }).strict();
const status = z.enum(["official", "working"]);

/** The scoring rule is data: the mean of the answered items, when at least `minAnswered` are answered. */
export const scoringRuleSchema = z.object({ method: z.literal("mean-of-answered"), minAnswered: z.number().int().min(1) }).strict();
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

/** One locked version of an instrument, as stored in `data/instruments/*.json`. */
export const instrumentSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
    version: z.number().int().min(1),
    name: text,
    source: z.string().min(1),
    languages: z.object({ fi: z.object({ status }), sv: z.object({ status }), en: z.object({ status }) }).strict(),
    scale: z
      .object({
        min: z.number().int(),
        max: z.number().int(),
        labels: z.object({ fi: z.array(z.string().min(1)), sv: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict(),
        labelsStatus: status,
      })
      .strict(),
    items: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/), text }).strict())
      .min(2)
      .max(50),
    background: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
          question: text,
          options: z.array(z.object({ value: z.string().regex(/^[a-zA-Z0-9-]{1,20}$/), label: text }).strict()).min(2),
        })
        .strict(),
    ),
    scoring: scoringRuleSchema,
  })
  .strict()
  .superRefine((inst, ctx) => {
    const steps = inst.scale.max - inst.scale.min + 1;
    if (steps < 2 || steps > 11) ctx.addIssue({ code: "custom", path: ["scale"], message: "scale must have 2–11 steps" });
    for (const lang of SURVEY_LANGUAGES) {
      if (inst.scale.labels[lang].length !== steps)
        ctx.addIssue({ code: "custom", path: ["scale", "labels", lang], message: `needs ${steps} labels` });
    }
    if (inst.scoring.minAnswered > inst.items.length)
      ctx.addIssue({ code: "custom", path: ["scoring", "minAnswered"], message: "more than the number of items" });
    const ids = new Set<string>();
    for (const id of [...inst.items.map((i) => i.id), ...inst.background.map((b) => b.id)]) {
      if (ids.has(id)) ctx.addIssue({ code: "custom", path: ["items"], message: `duplicate id ${id}` });
      ids.add(id);
    }
    for (const b of inst.background) {
      const values = new Set(b.options.map((o) => o.value));
      if (values.size !== b.options.length) ctx.addIssue({ code: "custom", path: ["background", b.id], message: "duplicate option" });
    }
  });
export type Instrument = z.infer<typeof instrumentSchema>;

/** An answer: an integer on the scale, or null when the item was left unanswered. */
export type Answer = number | null;

/**
 * A respondent's score under the instrument's rule: sum / count of the answered items when at least
 * `minAnswered` are answered, otherwise null. One IEEE division of two exact integers, the same
 * double R's `rowSums(m, na.rm = TRUE) / rowSums(!is.na(m))` gives.
 */
export function score(rule: ScoringRule, answers: readonly Answer[]): number | null {
  let sum = 0;
  let count = 0;
  for (const a of answers) {
    if (a === null) continue;
    sum += a;
    count += 1;
  }
  if (count < rule.minAnswered || count === 0) return null;
  return sum / count;
}
