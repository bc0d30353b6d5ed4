import { describe, expect, it } from "vitest";
import { organisationKey, type ReachEvent, type ReachRegistration, reach } from "./reach.ts";

const now = new Date("2026-06-01T00:00:00Z");
const ev = (id: string, over: Partial<ReachEvent> = {}): ReachEvent => ({
  id,
  type: "project_cafe",
  areaIds: [],
  startsAt: new Date("2026-03-01T08:00:00Z"),
  endsAt: new Date("2026-03-01T12:00:00Z"),
  status: "published",
  ...over,
});
const reg = (eventId: string, over: Partial<ReachRegistration> = {}): ReachRegistration => ({
  eventId,
  status: "confirmed",
  sessionsAttended: 0,
  organisation: "Diak",
  projectCode: null,
  ...over,
});

describe("reach figures", () => {
  it("nothing gives zeros", () => {
    const r = reach([], [], now);
    expect(r.total).toEqual({
      events: 0,
      registrations: 0,
      confirmed: 0,
      waitlisted: 0,
      attended: 0,
      attendances: 0,
      noShows: 0,
      projects: 0,
      organisations: 0,
    });
    expect(r.byType).toEqual([]);
  });
  it("an event without registrations counts as an event", () => {
    expect(reach([ev("a")], [], now).total.events).toBe(1);
  });
  it("no-shows only from past events; cancelled registrations and events are not counted", () => {
    const evs = [
      ev("past"),
      ev("future", { startsAt: new Date("2026-09-01T08:00:00Z"), endsAt: new Date("2026-09-01T12:00:00Z") }),
      ev("off", { status: "cancelled" }),
    ];
    const regs = [
      reg("past", { sessionsAttended: 1 }),
      reg("past"),
      reg("past", { status: "waitlisted" }),
      reg("past", { status: "cancelled" }),
      reg("future"),
      reg("off"),
    ];
    const r = reach(evs, regs, now);
    expect(r.total).toMatchObject({ events: 2, registrations: 4, confirmed: 3, waitlisted: 1, attended: 1, noShows: 1 });
    expect(r.byEvent.find((e) => e.event.id === "future")?.noShows).toBe(0);
  });
  it("a series counts a person once in attended and each session in attendances; none attended is a no-show", () => {
    const series = ev("series", { type: "planning_workshop" });
    const regs = [
      reg("series", { sessionsAttended: 3 }),
      reg("series", { sessionsAttended: 1 }),
      reg("series", { sessionsAttended: 0 }),
      reg("series", { status: "waitlisted" }),
    ];
    const r = reach([series], regs, now);
    expect(r.total).toMatchObject({ registrations: 4, confirmed: 3, attended: 2, attendances: 4, noShows: 1 });
    expect(r.byType[0]).toMatchObject({ key: "planning_workshop", attended: 2, attendances: 4 });
  });
  it("distinct organisations ignore case and spaces; distinct projects ignore empty codes", () => {
    const regs = [
      reg("a", { organisation: "Diak", projectCode: "S20220" }),
      reg("a", { organisation: " diak ", projectCode: "S20220" }),
      reg("a", { organisation: "THL", projectCode: null }),
      reg("a", { organisation: "Helsingin  kaupunki", projectCode: "S21000" }),
      reg("a", { organisation: "helsingin kaupunki" }),
    ];
    expect(reach([ev("a")], regs, now).total).toMatchObject({ projects: 2, organisations: 3 });
    expect(organisationKey("  Sosiaali-  JA terveysministeriö ")).toBe("sosiaali- ja terveysministeriö");
  });
  it("groups by type, by each target area (national separately) and by year in Helsinki time", () => {
    const evs = [
      ev("w", { type: "planning_workshop", areaIds: ["east", "north"] }),
      ev("c", { areaIds: ["east"] }),
      // 31.12. 23:30 in Helsinki is still the old year although UTC says so too; 1.1. 00:30 Helsinki is 22:30 UTC the day before
      ev("ny", { startsAt: new Date("2026-12-31T22:30:00Z"), endsAt: new Date("2026-12-31T23:30:00Z") }),
    ];
    const regs = [reg("w"), reg("w"), reg("c"), reg("ny")];
    const r = reach(evs, regs, new Date("2027-02-01T00:00:00Z"));
    expect(r.byType.map((g) => [g.key, g.registrations])).toEqual([
      ["planning_workshop", 2],
      ["project_cafe", 2],
    ]);
    expect(r.byArea.map((g) => [g.key, g.registrations])).toEqual([
      ["east", 3],
      ["national", 1],
      ["north", 2],
    ]);
    expect(r.byYear.map((g) => [g.key, g.events])).toEqual([
      ["2026", 2],
      ["2027", 1],
    ]);
  });
});
