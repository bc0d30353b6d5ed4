import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, type TestApp } from "../../../tests/helpers/test-app.ts";
import { calendarQuery } from "./inputs.ts";
import { CALENDAR_PAGE_SIZE } from "./queries.ts";
import { createEvent } from "./service.ts";

/** The calendar's pages (issue 5: lists do not stop at a fixed number) and the complete feed of a filtered list. */
let t: TestApp;
const HOUR = 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await createUser(t, "admin");
  const base = Date.now() + 48 * HOUR;
  const input = (i: number, type: "site_visit" | "local_meeting", past = false) => {
    const startsAt = new Date(past ? Date.now() - (i + 2) * 24 * HOUR : base + i * HOUR);
    return {
      type,
      titleFi: `${type === "site_visit" ? "Vierailu" : "Kokous"} ${String(i).padStart(3, "0")}`,
      titleSv: "",
      titleEn: "",
      descriptionFi: "",
      descriptionSv: "",
      descriptionEn: "",
      themes: [],
      areaIds: [],
      audience: "everyone" as const,
      place: "Oulu",
      remote: false,
      meetingUrl: null,
      capacity: 10,
      registrationDeadline: startsAt,
      questions: [],
      sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }],
    };
  };
  for (let i = 0; i < 57; i++) await createEvent(t.database.db, admin.id, input(i, "site_visit"));
  for (let i = 0; i < 3; i++) await createEvent(t.database.db, admin.id, input(i, "local_meeting"));
  for (let i = 0; i < 52; i++) await createEvent(t.database.db, admin.id, input(i, "site_visit", true));
}, 120_000);
afterAll(async () => t?.close());

const titles = (body: string) => [...body.matchAll(/>(Vierailu|Kokous) (\d{3})</g)].map((m) => `${m[1]} ${m[2]}`);

describe("calendar pages", () => {
  it("the page number is read leniently: not a number, zero or too large is ignored or clamped", () => {
    expect(calendarQuery.parse({ page: "2" }).page).toBe(2);
    for (const page of ["0", "-1", "abc", "99999", ["1", "2"], ""]) expect(calendarQuery.parse({ page }).page).toBeUndefined();
  });

  it("lists the coming events of a filter in pages that keep the filter in their links; none repeats or is skipped", async () => {
    const agent = new Agent(t.app);
    const first = await agent.get("/fi/tapahtumat?type=site_visit");
    expect(first.statusCode).toBe(200);
    expect(titles(first.body)).toHaveLength(CALENDAR_PAGE_SIZE);
    expect(first.body).toContain("57 tapahtumaa, sivu 1/2.");
    expect(first.body).toContain('href="/fi/tapahtumat?type=site_visit&amp;page=2"');
    expect(first.body).not.toContain('rel="prev"');
    const second = await agent.get("/fi/tapahtumat?type=site_visit&page=2");
    expect(second.body).toContain('href="/fi/tapahtumat?type=site_visit"');
    expect(second.body).not.toContain('rel="next"');
    const all = [...titles(first.body), ...titles(second.body)];
    expect(all).toEqual(Array.from({ length: 57 }, (_, i) => `Vierailu ${String(i).padStart(3, "0")}`));
    // Beyond the last page: the last page.
    expect(titles((await agent.get("/fi/tapahtumat?type=site_visit&page=40")).body)).toEqual(titles(second.body));
    // The feed link of the list keeps the filter but not the page.
    expect(second.body).toContain('href="/fi/tapahtumat.ics?type=site_visit"');
  });

  it("past events page too, the latest first, in Swedish", async () => {
    const agent = new Agent(t.app);
    const first = await agent.get("/sv/evenemang?type=site_visit&when=past");
    expect(first.body).toContain("52 evenemang, sida 1/2.");
    const second = await agent.get("/sv/evenemang?type=site_visit&when=past&page=2");
    expect(titles(second.body)).toEqual(["Vierailu 050", "Vierailu 051"]);
    expect(second.body).toContain('href="/sv/evenemang?type=site_visit&amp;when=past"');
  });

  it("a short list has no page links; the feed of a filtered list holds all of it, not a page", async () => {
    const agent = new Agent(t.app);
    const short = await agent.get("/en/events?type=local_meeting");
    expect(short.body).toContain("3 events.");
    expect(short.body).not.toContain('class="pagination"');
    const feed = await agent.get("/fi/tapahtumat.ics?type=site_visit&page=2");
    expect(feed.statusCode).toBe(200);
    // Every coming site visit and those of the last 90 days: 57 + 52.
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(57 + 52);
  });
});
