import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answersDeleteAt,
  attendanceCodeMatches,
  checkInSessions,
  feedbackVisible,
  helsinkiInstant,
  helsinkiWallClock,
  mayCheckIn,
  mayGiveFeedback,
  newAttendanceCode,
  noShows,
  placeFor,
  promotions,
  registrationClosedReason,
  reminderAt,
  waitlistPosition,
} from "./rules.ts";

const at = (iso: string) => new Date(iso);

describe("placeFor", () => {
  it("a zero-seat event waitlists everyone", () => expect(placeFor(0, 0)).toBe("waitlisted"));
  it("the first of one seat is confirmed", () => expect(placeFor(1, 0)).toBe("confirmed"));
  it("the last seat is confirmed, the next waits", () => {
    expect(placeFor(100, 99)).toBe("confirmed");
    expect(placeFor(100, 100)).toBe("waitlisted");
  });
  it("an overfull event (capacity lowered) waitlists", () => expect(placeFor(10, 12)).toBe("waitlisted"));
  it("registering one by one never confirms more than the capacity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 120 }), (capacity, people) => {
        let confirmed = 0;
        let waiting = 0;
        for (let i = 0; i < people; i++) {
          if (placeFor(capacity, confirmed) === "confirmed") confirmed++;
          else waiting++;
        }
        expect(confirmed).toBe(Math.min(capacity, people));
        expect(waiting).toBe(Math.max(0, people - capacity));
      }),
    );
  });
});

describe("promotions", () => {
  const w = (...seqs: number[]) => seqs.map((seq) => ({ seq }));
  it("an empty waitlist promotes no one", () => expect(promotions(10, 5, [])).toEqual([]));
  it("no free seat promotes no one", () => expect(promotions(10, 10, w(11, 12))).toEqual([]));
  it("an overfull event promotes no one", () => expect(promotions(10, 11, w(12))).toEqual([]));
  it("one free seat promotes the first in arrival order, whatever the input order", () => {
    expect(promotions(10, 9, w(15, 12, 13))).toEqual([{ seq: 12 }]);
  });
  it("more free seats than waiting promotes all, in order", () => {
    expect(promotions(10, 2, w(14, 13))).toEqual([{ seq: 13 }, { seq: 14 }]);
  });
  it("cancelling 10 of 100 promotes exactly the next 10", () => {
    const waitlist = w(...Array.from({ length: 400 }, (_, i) => 101 + i));
    expect(promotions(100, 90, waitlist).map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 101 + i));
  });
  it("never promotes beyond the capacity (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 1000 })),
        (cap, conf, seqs) => {
          const promoted = promotions(cap, conf, w(...seqs));
          expect(conf + promoted.length).toBeLessThanOrEqual(Math.max(cap, conf));
          expect(promoted.length).toBe(Math.min(seqs.length, Math.max(0, cap - conf)));
          const sorted = [...seqs].sort((a, b) => a - b);
          expect(promoted.map((p) => p.seq)).toEqual(sorted.slice(0, promoted.length));
        },
      ),
    );
  });
});

describe("waitlistPosition", () => {
  it("null when not waiting", () => expect(waitlistPosition(5, [])).toBeNull());
  it("first is 1", () => expect(waitlistPosition(7, [7, 9])).toBe(1));
  it("counts those who came before, regardless of gaps", () => expect(waitlistPosition(30, [9, 12, 30, 31])).toBe(3));
});

describe("registrationClosedReason", () => {
  const ev = { status: "published", startsAt: at("2026-12-10T10:00:00Z"), registrationDeadline: at("2026-12-08T21:59:00Z") };
  it("open before the deadline", () => expect(registrationClosedReason(ev, at("2026-12-01T00:00:00Z"))).toBeNull());
  it("open at the exact deadline", () => expect(registrationClosedReason(ev, at("2026-12-08T21:59:00Z"))).toBeNull());
  it("closed a millisecond after the deadline", () =>
    expect(registrationClosedReason(ev, at("2026-12-08T21:59:00.001Z"))).toBe("deadlinePassed"));
  it("past from the start", () => expect(registrationClosedReason(ev, at("2026-12-10T10:00:00Z"))).toBe("past"));
  it("cancelled wins over everything", () =>
    expect(registrationClosedReason({ ...ev, status: "cancelled" }, at("2027-01-01T00:00:00Z"))).toBe("cancelled"));
});

describe("feedback", () => {
  it("results hidden below 5 answers, shown from 5", () => {
    expect(feedbackVisible(0)).toBe(false);
    expect(feedbackVisible(4)).toBe(false);
    expect(feedbackVisible(5)).toBe(true);
  });
  const ev = { status: "published", startsAt: at("2026-12-10T10:00:00Z") };
  it("a participant who checked in may give feedback before the start; others may not", () => {
    expect(mayGiveFeedback({ status: "confirmed", feedbackGiven: false, attended: true }, ev, at("2026-12-10T09:30:00Z"))).toBe(true);
    expect(mayGiveFeedback({ status: "confirmed", feedbackGiven: true, attended: true }, ev, at("2026-12-10T09:30:00Z"))).toBe(false);
    expect(mayGiveFeedback({ status: "waitlisted", feedbackGiven: false, attended: true }, ev, at("2026-12-10T09:30:00Z"))).toBe(false);
  });
  it("only confirmed participants, once, after the start", () => {
    expect(mayGiveFeedback({ status: "confirmed", feedbackGiven: false, attended: false }, ev, at("2026-12-10T09:59:59Z"))).toBe(false);
    expect(mayGiveFeedback({ status: "confirmed", feedbackGiven: false, attended: false }, ev, at("2026-12-10T10:00:00Z"))).toBe(true);
    expect(mayGiveFeedback({ status: "confirmed", feedbackGiven: true, attended: false }, ev, at("2026-12-11T10:00:00Z"))).toBe(false);
    expect(mayGiveFeedback({ status: "waitlisted", feedbackGiven: false, attended: false }, ev, at("2026-12-11T10:00:00Z"))).toBe(false);
    expect(
      mayGiveFeedback(
        { status: "confirmed", feedbackGiven: false, attended: false },
        { ...ev, status: "cancelled" },
        at("2026-12-11T10:00:00Z"),
      ),
    ).toBe(false);
  });
});

describe("check-in and attendance codes", () => {
  const ev = { status: "published", startsAt: at("2026-12-10T10:00:00Z"), endsAt: at("2026-12-10T14:00:00Z") };
  it("from an hour before a session's start to its end", () => {
    expect(mayCheckIn(ev, ev.status, at("2026-12-10T08:59:59Z"))).toBe(false);
    expect(mayCheckIn(ev, ev.status, at("2026-12-10T09:00:00Z"))).toBe(true);
    expect(mayCheckIn(ev, ev.status, at("2026-12-10T14:00:00Z"))).toBe(true);
    expect(mayCheckIn(ev, ev.status, at("2026-12-10T14:00:01Z"))).toBe(false);
    expect(mayCheckIn(ev, "cancelled", at("2026-12-10T10:00:00Z"))).toBe(false);
  });
  it("a series is open for check-in only during (and an hour before) each session, not between them", () => {
    const parts = [
      { id: "1", startsAt: at("2026-12-10T07:00:00Z"), endsAt: at("2026-12-10T10:00:00Z") },
      { id: "2", startsAt: at("2026-12-17T07:00:00Z"), endsAt: at("2026-12-17T10:00:00Z") },
    ];
    expect(checkInSessions(parts, "published", at("2026-12-10T08:00:00Z")).map((s) => s.id)).toEqual(["1"]);
    expect(checkInSessions(parts, "published", at("2026-12-13T08:00:00Z"))).toEqual([]);
    expect(checkInSessions(parts, "published", at("2026-12-17T06:30:00Z")).map((s) => s.id)).toEqual(["2"]);
    expect(checkInSessions(parts, "cancelled", at("2026-12-17T08:00:00Z"))).toEqual([]);
  });
  it("codes have 6 unambiguous characters", () => {
    let i = 0;
    const code = newAttendanceCode((n) => i++ % n);
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{6}$/);
  });
  it("matches ignoring case, spaces and dashes; never an empty input", () => {
    expect(attendanceCodeMatches(" abc-d2e ", "ABCD2E")).toBe(true);
    expect(attendanceCodeMatches("ABCD2F", "ABCD2E")).toBe(false);
    expect(attendanceCodeMatches("", "")).toBe(false);
    expect(attendanceCodeMatches("  ", "ABCD2E")).toBe(false);
  });
});

describe("time in Helsinki", () => {
  it("winter is UTC+2", () => expect(helsinkiInstant("2026-12-01", "13:00")?.toISOString()).toBe("2026-12-01T11:00:00.000Z"));
  it("summer is UTC+3", () => expect(helsinkiInstant("2026-06-15", "9.30")?.toISOString()).toBe("2026-06-15T06:30:00.000Z"));
  it("the hour skipped in spring does not exist", () => expect(helsinkiInstant("2026-03-29", "03:30")).toBeNull());
  it("the repeated autumn hour takes the first (summer time)", () =>
    expect(helsinkiInstant("2026-10-25", "03:30")?.toISOString()).toBe("2026-10-25T00:30:00.000Z"));
  it("rejects impossible dates and times", () => {
    expect(helsinkiInstant("2026-02-30", "10:00")).toBeNull();
    expect(helsinkiInstant("2026-13-01", "10:00")).toBeNull();
    expect(helsinkiInstant("2026-01-01", "24:00")).toBeNull();
    expect(helsinkiInstant("", "")).toBeNull();
    expect(helsinkiInstant("1.12.2026", "10:00")).toBeNull();
  });
  it("wall clock round-trips", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }), (d) => {
        const [day = "", time = ""] = helsinkiWallClock(d).split(" ");
        const back = helsinkiInstant(day, time);
        expect(back).not.toBeNull();
        expect(Math.abs((back?.getTime() ?? 0) - Math.floor(d.getTime() / 60000) * 60000)).toBeLessThanOrEqual(3600 * 1000);
      }),
    );
  });
});

describe("retention, reminders, no-shows", () => {
  it("answers are deleted 30 days after the end", () =>
    expect(answersDeleteAt(at("2026-12-10T14:00:00Z")).toISOString()).toBe("2027-01-09T14:00:00.000Z"));
  it("the reminder is a day before, or none when that has passed", () => {
    expect(reminderAt(at("2026-12-10T10:00:00Z"), at("2026-12-01T00:00:00Z"))?.toISOString()).toBe("2026-12-09T10:00:00.000Z");
    expect(reminderAt(at("2026-12-10T10:00:00Z"), at("2026-12-09T10:00:00Z"))).toBeNull();
  });
  it("no-shows only for past events, never negative", () => {
    expect(noShows({ past: false, confirmed: 10, attended: 0 })).toBe(0);
    expect(noShows({ past: true, confirmed: 10, attended: 7 })).toBe(3);
    expect(noShows({ past: true, confirmed: 3, attended: 5 })).toBe(0);
  });
});
