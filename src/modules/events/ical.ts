import ical, { ICalCalendarMethod } from "ical-generator";
import type { Locale } from "../../web/locales.ts";
import type { EventRow, SessionRow } from "./queries.ts";
import { helsinkiWallClock } from "./rules.ts";

export const TIME_ZONE = "Europe/Helsinki";

/** The VTIMEZONE of Europe/Helsinki (EET/EEST, EU rules since 1981), so that calendar apps need no lookup. */
export const HELSINKI_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Helsinki",
  "X-LIC-LOCATION:Europe/Helsinki",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0300",
  "TZNAME:EEST",
  "DTSTART:19700329T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0300",
  "TZOFFSETTO:+0200",
  "TZNAME:EET",
  "DTSTART:19701025T040000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/**
 * ical-generator writes a native Date's UTC fields after TZID=…; we hand it a Date whose UTC
 * fields are the Helsinki wall clock, so the feed says "13:00 Europe/Helsinki" for 11:00 UTC in winter.
 */
function wallClock(at: Date): Date {
  return new Date(`${helsinkiWallClock(at).replace(" ", "T")}:00Z`);
}

export interface FeedEvent {
  event: EventRow;
  sessions: SessionRow[];
}

const title = (e: EventRow, locale: Locale) => (locale === "sv" ? e.titleSv : locale === "en" ? e.titleEn : e.titleFi);
const description = (e: EventRow, locale: Locale) =>
  locale === "sv" ? e.descriptionSv || e.descriptionFi : locale === "en" ? e.descriptionEn || e.descriptionFi : e.descriptionFi;

/** An iCalendar feed: one VEVENT per session (a series gives one per part), times in Europe/Helsinki. */
export function calendarFeed(
  items: readonly FeedEvent[],
  opts: {
    name: string;
    locale: Locale;
    eventUrl: (id: string) => string;
    partLabel: (n: number, of: number) => string;
    remoteLabel: string;
  },
): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: "Sokra", product: "events", language: opts.locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: TIME_ZONE, generator: () => HELSINKI_VTIMEZONE },
  });
  for (const { event, sessions } of items) {
    for (const s of sessions) {
      const name = title(event, opts.locale);
      cal.createEvent({
        id: `${event.id}-${s.ordinal}@sokra`,
        start: wallClock(s.startsAt),
        end: wallClock(s.endsAt),
        timezone: TIME_ZONE,
        summary: sessions.length > 1 ? `${name} (${opts.partLabel(s.ordinal, sessions.length)})` : name,
        description: description(event, opts.locale),
        location: event.remote ? opts.remoteLabel : event.place,
        url: opts.eventUrl(event.id),
        stamp: event.updatedAt,
        status: event.status === "cancelled" ? ("CANCELLED" as never) : ("CONFIRMED" as never),
      });
    }
  }
  return cal.toString();
}
