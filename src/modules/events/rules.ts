/** Pure rules of events: kinds, registration windows, seats and the waitlist, retention. */

export const EVENT_TYPES = [
  "planning_workshop",
  "project_cafe",
  "seminar",
  "national_day",
  "coaching_session",
  "site_visit",
  "local_meeting",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const AUDIENCES = ["planners", "running_projects", "national_project_managers", "everyone"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The project café themes seen in the programme (DOMAIN.md §4) plus the planning workshop parts. */
export const EVENT_THEMES = [
  "work_ability",
  "immigrants",
  "young_people",
  "nature_and_art",
  "digitalisation",
  "citizen_led",
  "expertise_by_experience",
  "funding_call",
  "regional_needs",
  "productisation",
  "evaluation",
] as const;
export type EventTheme = (typeof EVENT_THEMES)[number];

export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled";

/** Answers to registration questions are deleted this many days after the event ends. */
export const ANSWER_RETENTION_DAYS = 30;
/** Feedback results are shown only from this many answers up. */
export const FEEDBACK_MIN_ANSWERS = 5;
/** The reminder goes this long before the first session. */
export const REMINDER_BEFORE_MS = 24 * 3600 * 1000;

export interface RegistrationWindow {
  status: string;
  startsAt: Date;
  registrationDeadline: Date;
}

/** Why registration is closed, or null when it is open. The order is the order of the message's importance. */
export function registrationClosedReason(event: RegistrationWindow, now: Date): "cancelled" | "past" | "deadlinePassed" | null {
  if (event.status === "cancelled") return "cancelled";
  if (now.getTime() >= event.startsAt.getTime()) return "past";
  if (now.getTime() > event.registrationDeadline.getTime()) return "deadlinePassed";
  return null;
}

/** A new registration takes a seat while seats are left, otherwise it waits. */
export function placeFor(capacity: number, confirmed: number): "confirmed" | "waitlisted" {
  return confirmed < capacity ? "confirmed" : "waitlisted";
}

/**
 * Who moves up from the waitlist: as many as there are free seats, first come first served
 * (by arrival order `seq`). Never more than the waitlist holds; never a negative number of seats.
 */
export function promotions<T extends { seq: number }>(capacity: number, confirmed: number, waitlist: readonly T[]): T[] {
  const free = Math.max(0, capacity - confirmed);
  return [...waitlist].sort((a, b) => a.seq - b.seq).slice(0, free);
}

/** One-based position on the waitlist (arrival order), or null when not on it. */
export function waitlistPosition(seq: number, waitlistSeqs: readonly number[]): number | null {
  if (!waitlistSeqs.includes(seq)) return null;
  return waitlistSeqs.filter((s) => s < seq).length + 1;
}

/** Whether feedback results may be shown: from FEEDBACK_MIN_ANSWERS answers up. */
export function feedbackVisible(answers: number): boolean {
  return answers >= FEEDBACK_MIN_ANSWERS;
}

/**
 * Whether feedback may be given: by a confirmed participant, once, after the event has started —
 * or as soon as they have checked in (feedback is often asked for at the end, on the spot).
 */
export function mayGiveFeedback(
  reg: { status: string; feedbackGiven: boolean; attended: boolean },
  event: { startsAt: Date; status: string },
  now: Date,
): boolean {
  if (reg.status !== "confirmed" || reg.feedbackGiven || event.status === "cancelled") return false;
  return reg.attended || now.getTime() >= event.startsAt.getTime();
}

/** Check-in to a session with its code is possible from an hour before the session starts to its end. */
export function mayCheckIn(session: { startsAt: Date; endsAt: Date }, eventStatus: string, now: Date): boolean {
  if (eventStatus === "cancelled") return false;
  return now.getTime() >= session.startsAt.getTime() - 3600 * 1000 && now.getTime() <= session.endsAt.getTime();
}

/** The sessions of an event open for check-in now (usually none or one; a series has one code per session). */
export function checkInSessions<T extends { startsAt: Date; endsAt: Date }>(sessions: readonly T[], eventStatus: string, now: Date): T[] {
  return sessions.filter((s) => mayCheckIn(s, eventStatus, now));
}

/** When the answers of an event are due for deletion. */
export function answersDeleteAt(endsAt: Date): Date {
  return new Date(endsAt.getTime() + ANSWER_RETENTION_DAYS * 24 * 3600 * 1000);
}

/** When the reminder goes, or null when that moment has passed. */
export function reminderAt(startsAt: Date, now: Date): Date | null {
  const at = new Date(startsAt.getTime() - REMINDER_BEFORE_MS);
  return at.getTime() > now.getTime() ? at : null;
}

/** Attendance codes: 6 characters without look-alikes (0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newAttendanceCode(random: (n: number) => number): string {
  let code = "";
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** What a participant types: spaces and dashes dropped, upper case. */
export function normaliseAttendanceCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

/** Codes compare after normalising both sides, so a participant's "abc-d2e" matches "ABCD2E". */
export function attendanceCodeMatches(input: string, code: string): boolean {
  return normaliseAttendanceCode(input) !== "" && normaliseAttendanceCode(input) === normaliseAttendanceCode(code);
}

/**
 * A wall-clock time in Europe/Helsinki (date "2026-12-01", time "13:00") as an instant.
 * Null when the date or time does not exist (or is not well-formed).
 */
export function helsinkiInstant(day: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(asUtc).getUTCDate() !== da) return null;
  // Helsinki is UTC+2 or +3: try both offsets and keep the one whose wall clock matches.
  for (const offsetHours of [3, 2]) {
    const candidate = new Date(asUtc - offsetHours * 3600 * 1000);
    if (helsinkiWallClock(candidate) === `${day} ${String(h).padStart(2, "0")}:${t[2]}`) return candidate;
  }
  return null; // the hour skipped when clocks go forward
}

/** "2026-12-01 13:00" in Europe/Helsinki. */
const HELSINKI_WALL_CLOCK = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Helsinki",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
export function helsinkiWallClock(at: Date): string {
  return HELSINKI_WALL_CLOCK.format(at).replace(",", "");
}

export interface ReachRow {
  type: string;
  areaIds: readonly string[];
  year: number;
  past: boolean;
  registrations: number;
  confirmed: number;
  attended: number;
}

/** No-shows: confirmed participants of a past event who did not attend. Future events have none yet. */
export function noShows(row: { past: boolean; confirmed: number; attended: number }): number {
  return row.past ? Math.max(0, row.confirmed - row.attended) : 0;
}
