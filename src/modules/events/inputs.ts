import { z } from "zod";
import { singleLineText } from "../accounts/inputs.ts";
import { AUDIENCES, EVENT_THEMES, EVENT_TYPES, helsinkiInstant } from "./rules.ts";

/** How many sessions (parts of a series) the form offers. */
export const MAX_SESSIONS = 5;
/** At most this many questions to registrants per event. */
export const MAX_QUESTIONS = 10;
/** Empty question rows the form shows below the filled ones (more with "add another question"). */
export const SPARE_QUESTION_ROWS = 1;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const NO_CONTROL_EXCEPT_LINES = (v: string) => !/[\p{Cc}--[\n\r\t]]/v.test(v);

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.textTooLong")
    .refine(NO_CONTROL_EXCEPT_LINES, "errors.controlCharacters")
    .optional()
    .transform((v) => v ?? "");

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.textTooLong")
    .refine((v) => !/\p{Cc}/u.test(v), "errors.controlCharacters")
    .optional()
    .transform((v) => v ?? "");

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, { message: "errors.unknownChoice" })).max(values.length))
    .transform((v) => [...new Set(v)]);

const email = z
  .string({ message: "errors.emailRequired" })
  .trim()
  .min(1, "errors.emailRequired")
  .max(254, "errors.emailInvalid")
  .pipe(z.email("errors.emailInvalid"))
  .transform((v) => v.toLowerCase());

export interface SessionInput {
  startsAt: Date;
  endsAt: Date;
}

/** A question to registrants as saved; `id` is set when it edits a saved question of the event. */
export interface QuestionInput {
  id: string | null;
  textFi: string;
  textSv: string;
  textEn: string;
  required: boolean;
}

/**
 * The event form. Times are typed in Europe/Helsinki as date + "13:00"; sessions are rows
 * session1Date/session1Start/session1End … (empty rows are skipped; at least one is needed).
 * Questions are rows question1Fi/Sv/En/Required/Order/Id …: a row with no wording is removed,
 * the Finnish wording is needed when another language is given, and rows are saved in the order of
 * their position numbers (ties keep the row order). `areaIds` are checked against the coordination
 * areas by the service; a question id is checked against the event's questions by the service.
 */
export function eventForm(areaIds: readonly string[]) {
  const areas = z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().refine((a) => areaIds.includes(a), "errors.unknownChoice")).max(areaIds.length))
    .transform((v) => [...new Set(v)]);
  const sessionShape: Record<string, z.ZodType> = {};
  for (let i = 1; i <= MAX_SESSIONS; i++) {
    sessionShape[`session${i}Date`] = line(20);
    sessionShape[`session${i}Start`] = line(10);
    sessionShape[`session${i}End`] = line(10);
  }
  for (let i = 1; i <= MAX_QUESTIONS; i++) {
    sessionShape[`question${i}Fi`] = line(300);
    sessionShape[`question${i}Sv`] = line(300);
    sessionShape[`question${i}En`] = line(300);
    sessionShape[`question${i}Required`] = z
      .string()
      .optional()
      .transform((v) => v === "1");
    sessionShape[`question${i}Order`] = line(3).refine((v) => v === "" || /^\d{1,2}$/.test(v), "errors.eventQuestionOrder");
    sessionShape[`question${i}Id`] = line(36).transform((v) => (UUID.test(v) ? v : ""));
  }
  return z
    .object({
      type: z.enum(EVENT_TYPES, { message: "errors.eventType" }),
      titleFi: singleLineText("errors.eventTitleRequired", 200, "errors.textTooLong"),
      titleSv: line(200),
      titleEn: line(200),
      descriptionFi: text(5000),
      descriptionSv: text(5000),
      descriptionEn: text(5000),
      themes: list(EVENT_THEMES),
      areaIds: areas,
      audience: z.enum(AUDIENCES, { message: "errors.eventAudience" }),
      place: line(300),
      remote: z
        .string()
        .optional()
        .transform((v) => v === "1"),
      meetingUrl: z
        .string()
        .trim()
        .max(500, "errors.textTooLong")
        .optional()
        .transform((v) => v ?? "")
        .refine((v) => v === "" || /^https:\/\/[^\s\p{Cc}]+$/u.test(v), "errors.eventMeetingUrl")
        .transform((v) => (v === "" ? null : v)),
      capacity: z
        .string({ message: "errors.eventCapacity" })
        .trim()
        .regex(/^\d{1,5}$/, "errors.eventCapacity")
        .transform(Number)
        .refine((n) => n >= 1 && n <= 10000, "errors.eventCapacity"),
      deadlineDate: line(20),
      deadlineTime: line(10),
      ...sessionShape,
    })
    .transform((v, ctx) => {
      const raw = v as unknown as Record<string, string>;
      const sessions: SessionInput[] = [];
      for (let i = 1; i <= MAX_SESSIONS; i++) {
        const [day, start, end] = [raw[`session${i}Date`] ?? "", raw[`session${i}Start`] ?? "", raw[`session${i}End`] ?? ""];
        if (!day && !start && !end) continue;
        const startsAt = helsinkiInstant(day, start);
        const endsAt = helsinkiInstant(day, end);
        if (!startsAt || !endsAt) {
          ctx.addIssue({ code: "custom", message: "errors.eventSessionTime", path: [`session${i}Date`] });
          continue;
        }
        if (endsAt.getTime() <= startsAt.getTime()) {
          ctx.addIssue({ code: "custom", message: "errors.endBeforeStart", path: [`session${i}End`] });
          continue;
        }
        sessions.push({ startsAt, endsAt });
      }
      if (sessions.length === 0 && !ctx.issues?.length) {
        ctx.addIssue({ code: "custom", message: "errors.eventSessionRequired", path: ["session1Date"] });
      }
      sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      const rows: (QuestionInput & { order: number; row: number })[] = [];
      const seenIds = new Set<string>();
      for (let i = 1; i <= MAX_QUESTIONS; i++) {
        const q = v as unknown as Record<string, string | boolean>;
        const [fi, sv, en] = [q[`question${i}Fi`], q[`question${i}Sv`], q[`question${i}En`]] as string[];
        if (!fi && !sv && !en) continue;
        if (!fi) {
          ctx.addIssue({ code: "custom", message: "errors.eventQuestionFiRequired", path: [`question${i}Fi`] });
          continue;
        }
        const id = (q[`question${i}Id`] as string) || null;
        const order = q[`question${i}Order`] ? Number(q[`question${i}Order`]) : i;
        rows.push({
          id: id && !seenIds.has(id) ? id : null,
          textFi: fi,
          textSv: sv || fi,
          textEn: en || fi,
          required: q[`question${i}Required`] === true,
          order,
          row: i,
        });
        if (id) seenIds.add(id);
      }
      const questions = rows.sort((a, b) => a.order - b.order || a.row - b.row).map(({ order: _o, row: _r, ...q }) => q);
      const first = sessions[0];
      let deadline: Date | null = null;
      if (v.deadlineDate || v.deadlineTime) {
        deadline = helsinkiInstant(v.deadlineDate, v.deadlineTime || "23:59");
        if (!deadline) ctx.addIssue({ code: "custom", message: "errors.eventDeadline", path: ["deadlineDate"] });
      } else if (first) {
        deadline = first.startsAt;
      }
      if (deadline && first && deadline.getTime() > first.startsAt.getTime()) {
        ctx.addIssue({ code: "custom", message: "errors.eventDeadlineAfterStart", path: ["deadlineDate"] });
      }
      if (!v.remote && v.place === "") ctx.addIssue({ code: "custom", message: "errors.eventPlace", path: ["place"] });
      if (!first || !deadline) return z.NEVER;
      return {
        type: v.type,
        titleFi: v.titleFi,
        titleSv: v.titleSv || v.titleFi,
        titleEn: v.titleEn || v.titleFi,
        descriptionFi: v.descriptionFi,
        descriptionSv: v.descriptionSv,
        descriptionEn: v.descriptionEn,
        themes: v.themes,
        areaIds: v.areaIds,
        audience: v.audience,
        place: v.place,
        remote: v.remote,
        meetingUrl: v.meetingUrl,
        capacity: v.capacity,
        registrationDeadline: deadline,
        questions,
        sessions,
      };
    });
}
export type EventInput = z.output<ReturnType<typeof eventForm>>;

/** The form field of the answer to a question. */
export const answerField = (questionId: string) => `answer-${questionId}`;

const registrationBase = {
  name: singleLineText("errors.nameRequired", 200, "errors.nameTooLong"),
  email,
  organisation: singleLineText("errors.eventOrganisationRequired", 200, "errors.textTooLong"),
  projectCode: line(20)
    .refine((v) => v === "" || /^[A-Za-z0-9-]+$/.test(v), "errors.projectCode")
    .transform((v) => (v === "" ? null : v.toUpperCase())),
};

/**
 * The registration form of an event with these questions (fields `answer-<question id>`). A
 * required question needs an answer; empty optional answers are not stored. A logged-in user's
 * name and e-mail come from the account.
 */
export function registrationForm(questions: readonly { id: string; required: boolean }[] = []) {
  const answerShape: Record<string, z.ZodType<string>> = {};
  for (const q of questions) answerShape[answerField(q.id)] = text(1000);
  return z
    .object({ ...registrationBase, ...answerShape })
    .superRefine((v, ctx) => {
      const raw = v as unknown as Record<string, string>;
      for (const q of questions) {
        if (q.required && !raw[answerField(q.id)]) {
          ctx.addIssue({ code: "custom", message: "errors.eventAnswerRequired", path: [answerField(q.id)] });
        }
      }
    })
    .transform((v) => {
      const raw = v as unknown as Record<string, string>;
      return {
        name: v.name,
        email: v.email,
        organisation: v.organisation,
        projectCode: v.projectCode,
        answers: questions.flatMap((q) => {
          const answer = raw[answerField(q.id)] ?? "";
          return answer ? [{ questionId: q.id, answer }] : [];
        }),
      };
    });
}
export type RegistrationInput = z.output<ReturnType<typeof registrationForm>>;

export const checkInForm = z.object({
  code: z
    .string({ message: "errors.eventCodeRequired" })
    .trim()
    .min(1, "errors.eventCodeRequired")
    .max(20, "errors.eventCodeWrong")
    .refine((v) => !/\p{Cc}/u.test(v), "errors.controlCharacters"),
});

export const feedbackForm = z.object({
  rating: z.enum(["1", "2", "3", "4", "5"], { message: "errors.eventRating" }).transform(Number),
  comment: text(2000),
});

/** The calendar's GET filters; unknown values are ignored rather than refused (links get old). */
export const calendarQuery = z.object({
  type: z.enum(EVENT_TYPES).optional().catch(undefined),
  area: z
    .string()
    .regex(/^[a-z_-]{1,40}$/)
    .optional()
    .catch(undefined),
  theme: z.enum(EVENT_THEMES).optional().catch(undefined),
  when: z.enum(["coming", "past"]).optional().catch(undefined),
  /** 1-based page of the list (CALENDAR_PAGE_SIZE events a page). */
  page: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().int().min(1))
    .optional()
    .catch(undefined),
});
export type CalendarFilter = z.output<typeof calendarQuery>;
