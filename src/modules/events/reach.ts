import { noShows } from "./rules.ts";

/** Pure reach figures: registrations, attendance and no-shows per event, type, area and year, with distinct projects and organisations. */

export interface ReachEvent {
  id: string;
  type: string;
  /** Empty = national. */
  areaIds: readonly string[];
  startsAt: Date;
  endsAt: Date;
  status: string;
}

export interface ReachRegistration {
  eventId: string;
  status: string;
  /** How many of the event's sessions this person attended (a single event has one session). */
  sessionsAttended: number;
  organisation: string;
  projectCode: string | null;
}

export interface ReachFigures {
  events: number;
  registrations: number;
  confirmed: number;
  waitlisted: number;
  /** People who attended at least one session: a person at all three parts of a series counts once. */
  attended: number;
  /** Attendances: people × sessions attended (three for a person at all three parts of a series). */
  attendances: number;
  /** Confirmed people of a past event who attended no session. */
  noShows: number;
  projects: number;
  organisations: number;
}

/** Organisations compare without case and extra spaces ("THL" = "thl "). */
export const organisationKey = (name: string) => name.trim().replace(/\s+/g, " ").toLocaleLowerCase("fi");

function figures(evs: readonly ReachEvent[], regs: readonly ReachRegistration[], now: Date): ReachFigures {
  const ids = new Set(evs.map((e) => e.id));
  const past = new Set(evs.filter((e) => e.endsAt.getTime() < now.getTime()).map((e) => e.id));
  const mine = regs.filter((r) => ids.has(r.eventId) && r.status !== "cancelled");
  const confirmed = mine.filter((r) => r.status === "confirmed");
  const attended = confirmed.filter((r) => r.sessionsAttended > 0).length;
  const pastConfirmed = confirmed.filter((r) => past.has(r.eventId));
  return {
    events: evs.length,
    registrations: mine.length,
    confirmed: confirmed.length,
    waitlisted: mine.filter((r) => r.status === "waitlisted").length,
    attended,
    attendances: confirmed.reduce((sum, r) => sum + r.sessionsAttended, 0),
    noShows: noShows({ past: true, confirmed: pastConfirmed.length, attended: pastConfirmed.filter((r) => r.sessionsAttended > 0).length }),
    projects: new Set(mine.flatMap((r) => (r.projectCode ? [r.projectCode] : []))).size,
    organisations: new Set(mine.map((r) => organisationKey(r.organisation)).filter((o) => o !== "")).size,
  };
}

export const NATIONAL = "national";

/** Figures for all events and grouped by type, area (national events as "national") and year (Helsinki). */
export function reach(evs: readonly ReachEvent[], regs: readonly ReachRegistration[], now: Date) {
  const live = evs.filter((e) => e.status !== "cancelled");
  const group = (key: (e: ReachEvent) => string[]) => {
    const keys = new Map<string, ReachEvent[]>();
    for (const e of live) for (const k of key(e)) keys.set(k, [...(keys.get(k) ?? []), e]);
    return [...keys.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => ({ key: k, ...figures(list, regs, now) }));
  };
  const helsinkiYear = new Intl.DateTimeFormat("en", { timeZone: "Europe/Helsinki", year: "numeric" });
  const year = (e: ReachEvent) => helsinkiYear.format(e.startsAt);
  return {
    total: figures(live, regs, now),
    byEvent: live.map((e) => ({ event: e, ...figures([e], regs, now) })),
    byType: group((e) => [e.type]),
    byArea: group((e) => (e.areaIds.length ? [...e.areaIds] : [NATIONAL])),
    byYear: group((e) => [year(e)]),
  };
}
