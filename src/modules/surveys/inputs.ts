import { z } from "zod";
import type { Answer, Instrument } from "./instrument.ts";
import type { AnswerInput } from "./service.ts";

/** How the participant reads the form: Finnish, Swedish, English, or Finnish with plain-language instructions. */
export const ANSWER_LANGUAGES = ["fi", "sv", "en", "fi-plain"] as const;
export type AnswerLanguage = (typeof ANSWER_LANGUAGES)[number];

export type AnswerParse = { ok: true; input: AnswerInput } | { ok: false; error: "errors.surveyForged" | "errors.surveyNothingAnswered" };

const MAX_FIELDS = 100;

/**
 * Reads a submitted answer form against the instrument. Anything the form could not have sent — an
 * unknown field, a repeated field, a value off the scale or outside a question's options — refuses
 * the whole form (nothing is stored); unanswered items are null.
 */
export function parseAnswerForm(instrument: Instrument, language: AnswerLanguage, body: unknown): AnswerParse {
  const forged = { ok: false, error: "errors.surveyForged" } as const;
  if (!body || typeof body !== "object" || Array.isArray(body)) return forged;
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length > MAX_FIELDS) return forged;
  const itemIndex = new Map(instrument.items.map((item, i) => [item.id, i]));
  const questions = new Map(instrument.background.map((b) => [b.id, new Set(b.options.map((o) => o.value))]));
  const answers: Answer[] = instrument.items.map(() => null);
  const background: Record<string, string> = {};
  let withWorker = false;
  for (const [key, raw] of entries) {
    if (key === "_csrf") continue;
    if (typeof raw !== "string") return forged;
    if (key === "withWorker") {
      if (raw !== "yes") return forged;
      withWorker = true;
      continue;
    }
    const i = itemIndex.get(key);
    if (i !== undefined) {
      if (raw === "") continue;
      if (!/^\d{1,2}$/.test(raw)) return forged;
      const v = Number(raw);
      if (v < instrument.scale.min || v > instrument.scale.max) return forged;
      answers[i] = v;
      continue;
    }
    const options = questions.get(key);
    if (options) {
      if (raw === "") continue;
      if (!options.has(raw)) return forged;
      background[key] = raw;
      continue;
    }
    return forged;
  }
  if (answers.every((a) => a === null)) return { ok: false, error: "errors.surveyNothingAnswered" };
  return { ok: true, input: { answers, background, withWorker, language } };
}

const isoDate = z.iso.date("errors.dateInvalid");

/** Opening a round: dates as the date inputs send them (yyyy-mm-dd), close on or after open. */
export const roundInput = z
  .object({
    opensOn: z.string().trim().pipe(isoDate),
    closesOn: z.string().trim().pipe(isoDate),
    anonymousLink: z.enum(["yes"]).optional(),
  })
  .refine((r) => r.closesOn >= r.opensOn, { path: ["closesOn"], message: "errors.surveyClosesBeforeOpens" });

/** Changing a round's dates: the same rules as opening one, under their own names (the page also has the opening form). */
export const roundDatesInput = z
  .object({
    roundId: z.uuid("errors.invalid"),
    editOpensOn: z.string().trim().pipe(isoDate),
    editClosesOn: z.string().trim().pipe(isoDate),
  })
  .refine((r) => r.editClosesOn >= r.editOpensOn, { path: ["editClosesOn"], message: "errors.surveyClosesBeforeOpens" });

/** Closing a round now: which round. */
export const closeRoundInput = z.object({ roundId: z.uuid("errors.invalid") });

/** Issuing codes: how many cards to print. */
export const batchInput = z.object({
  size: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "errors.surveyBatchSize")
    .transform(Number)
    .pipe(z.number().int().min(1, "errors.surveyBatchSize").max(500, "errors.surveyBatchSize")),
});
