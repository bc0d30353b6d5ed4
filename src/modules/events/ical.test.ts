import { describe, expect, it } from "vitest";
import { calendarFeed } from "./ical.ts";
import type { EventRow, SessionRow } from "./queries.ts";
import { helsinkiInstant } from "./rules.ts";

/** A small iCalendar reader for the test: unfolds lines and reads each VEVENT's properties. */
function parse(ics: string) {
  const lines = ics.replace(/\r\n[ \t]/g, "").split("\r\n");
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT" && current) {
      out.push(current);
      current = null;
    } else if (current) {
      const i = line.indexOf(":");
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return { events: out, lines };
}

/** "20261201T130000" with TZID=Europe/Helsinki → the instant. */
function instant(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})00$/.exec(value);
  return m ? helsinkiInstant(`${m[1]}-${m[2]}-${m[3]}`, `${m[4]}:${m[5]}`) : null;
}

const event = (over: Partial<EventRow> = {}): EventRow =>
  ({
    id: "11111111-1111-4111-8111-111111111111",
    type: "planning_workshop",
    titleFi: "Suunnittelupaja, osa; kaikille",
    titleSv: "Planeringsverkstad",
    titleEn: "Planning workshop",
    descriptionFi: "Rivi 1\nRivi 2",
    descriptionSv: "",
    descriptionEn: "",
    place: "Kuopio",
    remote: false,
    status: "published",
    updatedAt: new Date("2026-11-01T10:00:00Z"),
    ...over,
  }) as EventRow;

const session = (ordinal: number, start: string, end: string): SessionRow => ({
  id: `s${ordinal}`,
  eventId: "e",
  ordinal,
  attendanceCode: "ABC234",
  startsAt: new Date(start),
  endsAt: new Date(end),
});

const opts = {
  name: "Sokra",
  locale: "fi" as const,
  eventUrl: (id: string) => `https://sokra.test/fi/tapahtumat/${id}`,
  partLabel: (n: number, of: number) => `osa ${n}/${of}`,
  remoteLabel: "Etätapahtuma",
};

describe("iCalendar feed", () => {
  it("an empty feed is a valid calendar with the Helsinki time zone", () => {
    const { events, lines } = parse(calendarFeed([], opts));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(events).toEqual([]);
    expect(lines).toContain("TZID:Europe/Helsinki");
    expect(lines).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  });

  it("a series gives one VEVENT per part, times in Europe/Helsinki that read back to the same instants (winter and summer)", () => {
    const sessions = [
      session(1, "2026-12-01T11:00:00Z", "2026-12-01T13:00:00Z"), // 13–15 EET
      session(2, "2027-06-01T06:30:00Z", "2027-06-01T09:00:00Z"), // 9.30–12 EEST
    ];
    const { events } = parse(calendarFeed([{ event: event(), sessions }], opts));
    expect(events).toHaveLength(2);
    expect(events[0]?.["DTSTART;TZID=Europe/Helsinki"]).toBe("20261201T130000");
    expect(events[1]?.["DTSTART;TZID=Europe/Helsinki"]).toBe("20270601T093000");
    for (const [i, s] of sessions.entries()) {
      expect(instant(events[i]?.["DTSTART;TZID=Europe/Helsinki"] ?? "")?.toISOString()).toBe(s.startsAt.toISOString());
      expect(instant(events[i]?.["DTEND;TZID=Europe/Helsinki"] ?? "")?.toISOString()).toBe(s.endsAt.toISOString());
    }
    expect(events[0]?.SUMMARY).toBe("Suunnittelupaja\\, osa\\; kaikille (osa 1/2)");
    expect(events[0]?.DESCRIPTION).toBe("Rivi 1\\nRivi 2");
    expect(events[0]?.UID).toBe("11111111-1111-4111-8111-111111111111-1@sokra");
    expect(events[1]?.UID).toBe("11111111-1111-4111-8111-111111111111-2@sokra");
    expect(events[0]?.LOCATION).toBe("Kuopio");
    expect(events[0]?.URL ?? events[0]?.["URL;VALUE=URI"]).toBe("https://sokra.test/fi/tapahtumat/11111111-1111-4111-8111-111111111111");
  });

  it("a single remote event in Swedish; a cancelled one is marked CANCELLED", () => {
    const s = [session(1, "2026-12-01T11:00:00Z", "2026-12-01T13:00:00Z")];
    const { events } = parse(
      calendarFeed([{ event: event({ remote: true, status: "cancelled" }), sessions: s }], {
        ...opts,
        locale: "sv",
        remoteLabel: "Distans",
      }),
    );
    expect(events[0]?.SUMMARY).toBe("Planeringsverkstad");
    expect(events[0]?.LOCATION).toBe("Distans");
    expect(events[0]?.STATUS).toBe("CANCELLED");
  });
});
