import type { Locale } from "../../../web/locales.ts";
import { INTL_LOCALE, perLocale } from "../../../web/locales.ts";
import type { EventRow, QuestionRow, SessionRow } from "../queries.ts";

/** Dates and times always in Finnish time, written the page's way. */
const DAY = perLocale(
  (tag) =>
    new Intl.DateTimeFormat(tag, { timeZone: "Europe/Helsinki", weekday: "short", day: "numeric", month: "numeric", year: "numeric" }),
);
const TIME = perLocale((tag) => new Intl.DateTimeFormat(tag, { timeZone: "Europe/Helsinki", hour: "2-digit", minute: "2-digit" }));
export function formatDay(locale: Locale, at: Date): string {
  return DAY[locale].format(at);
}
export function formatTime(locale: Locale, at: Date): string {
  return TIME[locale].format(at);
}
export function formatDateTime(locale: Locale, at: Date): string {
  return `${formatDay(locale, at)} ${formatTime(locale, at)}`;
}
export function formatSession(locale: Locale, s: Pick<SessionRow, "startsAt" | "endsAt">): string {
  return `${formatDay(locale, s.startsAt)} ${formatTime(locale, s.startsAt)}–${formatTime(locale, s.endsAt)}`;
}
export function formatNumber(locale: Locale, n: number, digits = 0): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export function eventTitle(e: EventRow, locale: Locale): { text: string; lang: Locale } {
  if (locale === "sv" && e.titleSv) return { text: e.titleSv, lang: "sv" };
  if (locale === "en" && e.titleEn) return { text: e.titleEn, lang: "en" };
  return { text: e.titleFi, lang: "fi" };
}
export function eventDescription(e: EventRow, locale: Locale): { text: string; lang: Locale } {
  if (locale === "sv" && e.descriptionSv) return { text: e.descriptionSv, lang: "sv" };
  if (locale === "en" && e.descriptionEn) return { text: e.descriptionEn, lang: "en" };
  return { text: e.descriptionFi, lang: "fi" };
}
export function questionText(q: Pick<QuestionRow, "textFi" | "textSv" | "textEn">, locale: Locale): { text: string; lang: Locale } {
  if (locale === "sv" && q.textSv) return { text: q.textSv, lang: "sv" };
  if (locale === "en" && q.textEn) return { text: q.textEn, lang: "en" };
  return { text: q.textFi, lang: "fi" };
}
