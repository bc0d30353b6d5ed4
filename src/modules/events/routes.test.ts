import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { jobs } from "../jobs/schema.ts";
import { mailOutbox } from "../mail/schema.ts";
import { registrationToken } from "./links.ts";
import { answersOf, attendanceOf, questionsOf, sessionsOf } from "./queries.ts";
import { helsinkiWallClock } from "./rules.ts";
import { eventFeedback, eventRegistrations, eventSessions, events } from "./schema.ts";
import { createEvent, type EventDeps, purgeOldAnswers, register } from "./service.ts";

let t: TestApp;
let deps: EventDeps;
const SECRET = "test-secret-test-secret-test-secret-0123";

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000", RATE_LIMIT_EVENTS_MAX: "10000", BASE_URL: "http://sokra.test" });
  deps = { db: t.database.db, secret: SECRET, baseUrl: "http://sokra.test" };
});
afterAll(async () => t?.close());

const day = (offsetDays: number) => helsinkiWallClock(new Date(Date.now() + offsetDays * 24 * 3600 * 1000)).slice(0, 10);

function seriesForm(title: string, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    type: "planning_workshop",
    titleFi: title,
    titleSv: `${title} (sv)`,
    titleEn: "",
    descriptionFi: "Kolmiosainen työpaja ennen hakua.",
    themes: ["funding_call", "evaluation"],
    areaIds: ["east"],
    audience: "planners",
    place: "",
    remote: "1",
    meetingUrl: "https://meet.example.fi/abc",
    capacity: "3",
    deadlineDate: "",
    deadlineTime: "",
    question1Fi: "Ruokavalio tai saavutettavuustarpeet?",
    session1Date: day(10),
    session1Start: "9.00",
    session1End: "12.00",
    session2Date: day(17),
    session2Start: "09:00",
    session2End: "12:00",
    session3Date: day(24),
    session3Start: "9.00",
    session3End: "11.30",
    ...over,
  };
}

async function newEventAs(agent: Agent, form: Record<string, string | string[]>) {
  await agent.get("/fi/tapahtumat/uusi");
  const res = await agent.post("/fi/tapahtumat/uusi", form);
  expect(res.statusCode).toBe(303);
  const id = /tapahtumat\/([0-9a-f-]{36})\/osallistujat/.exec(String(res.headers.location))?.[1];
  if (!id) throw new Error(`no id in ${res.headers.location}`);
  return id;
}

async function registerAs(agent: Agent, id: string, form: Record<string, string>, locale: "fi" | "sv" = "fi") {
  const path = locale === "fi" ? `/fi/tapahtumat/${id}` : `/sv/evenemang/${id}`;
  // A closed event's page has no form: take the CSRF token from the login form, as a forged post would.
  await agent.get(`/${locale}/${locale === "fi" ? "kirjaudu" : "logga-in"}`);
  await agent.get(path);
  return agent.post(path, form);
}

describe("creating and editing events", () => {
  it("a national coordinator creates a series of three parts; it is on the calendar in every language", async () => {
    const coord = await createUser(t, "national_coordinator");
    const agent = await loginAgent(t, coord.email);
    const id = await newEventAs(agent, seriesForm("Suunnittelupaja A"));
    const [ev] = await t.database.db.select().from(events).where(eq(events.id, id));
    expect(ev?.titleEn).toBe("Suunnittelupaja A");
    expect(ev?.capacity).toBe(3);
    const sessions = await t.database.db.select().from(eventSessions).where(eq(eventSessions.eventId, id));
    expect(sessions).toHaveLength(3);
    expect(helsinkiWallClock(ev?.startsAt ?? new Date())).toBe(`${day(10)} 09:00`);
    // The deadline defaults to the start.
    expect(ev?.registrationDeadline.toISOString()).toBe(ev?.startsAt.toISOString());
    const fi = await new Agent(t.app).get("/fi/tapahtumat");
    expect(fi.body).toContain("Suunnittelupaja A");
    expect(fi.body).toContain("3 paikkaa jäljellä");
    const sv = await new Agent(t.app).get("/sv/evenemang?type=planning_workshop&area=east&theme=evaluation");
    expect(sv.body).toContain("Suunnittelupaja A (sv)");
    const otherTheme = await new Agent(t.app).get("/fi/tapahtumat?theme=young_people");
    expect(otherTheme.body).not.toContain("Suunnittelupaja A");
    const page = await new Agent(t.app).get(`/en/events/${id}`);
    expect(page.body).toContain("Series of 3 parts");
    // The meeting link is only for registered participants.
    expect(page.body).not.toContain("meet.example.fi");
  });

  it("bad input shows the errors next to the fields and keeps what was typed; nothing is saved", async () => {
    const coord = await createUser(t, "admin");
    const agent = await loginAgent(t, coord.email);
    await agent.get("/fi/tapahtumat/uusi");
    const before = (await t.database.db.select().from(events)).length;
    const res = await agent.post(
      "/fi/tapahtumat/uusi",
      seriesForm("Virheellinen\u0000", { capacity: "0", session1End: "8.00", meetingUrl: "javascript:alert(1)", type: "party" }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("error-summary");
    expect(res.body).toContain("Valitse tapahtuman tyyppi");
    expect(res.body).toContain("Kirjoita paikkamäärä");
    expect(res.body).toContain("https://…");
    expect(res.body).toContain('href="#field-titleFi"');
    expect((await t.database.db.select().from(events)).length).toBe(before);
    const noSession = await agent.post(
      "/fi/tapahtumat/uusi",
      seriesForm("Ilman aikaa", {
        session1Date: "",
        session1Start: "",
        session1End: "",
        session2Date: "",
        session2Start: "",
        session2End: "",
        session3Date: "",
        session3Start: "",
        session3End: "",
      }),
    );
    expect(noSession.statusCode).toBe(400);
    expect(noSession.body).toContain("Anna vähintään yhden osan");
    const late = await agent.post("/fi/tapahtumat/uusi", seriesForm("Myöhäinen", { deadlineDate: day(30), deadlineTime: "12.00" }));
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("viimeistään tapahtuman alkaessa");
  });

  it("refuses anonymous (401) and roles without the right (403); an area coordinator stays in their area", async () => {
    const anon = new Agent(t.app);
    expect((await anon.get("/fi/tapahtumat/uusi")).statusCode).toBe(401);
    for (const role of ["project_member", "researcher", "ministry_viewer"] as const) {
      const u = await createUser(t, role);
      const a = await loginAgent(t, u.email);
      expect((await a.get("/fi/tapahtumat/uusi")).statusCode).toBe(403);
      expect((await a.get("/fi/tapahtumat/tavoittavuus")).statusCode).toBe(403);
    }
    const east = await loginAgent(t, (await createUser(t, "area_coordinator", { areaId: "east" })).email);
    const north = await loginAgent(t, (await createUser(t, "area_coordinator", { areaId: "north" })).email);
    const id = await newEventAs(east, seriesForm("Itäinen kahvila", { type: "project_cafe" }));
    expect((await north.get(`/fi/tapahtumat/${id}/muokkaa`)).statusCode).toBe(403);
    expect((await north.get(`/fi/tapahtumat/${id}/osallistujat`)).statusCode).toBe(403);
    await north.get("/fi/tapahtumat/uusi");
    expect((await north.post(`/fi/tapahtumat/${id}/peru`, {})).statusCode).toBe(403);
    expect((await anon.get(`/fi/tapahtumat/${id}/osallistujat`)).statusCode).toBe(401);
    // Not outside their own area, nor a national event.
    const outside = await north.post("/fi/tapahtumat/uusi", seriesForm("Väärä alue", { areaIds: ["east"] }));
    expect(outside.statusCode).toBe(400);
    const national = await north.post("/fi/tapahtumat/uusi", seriesForm("Valtakunnallinen", { areaIds: [] }));
    expect(national.statusCode).toBe(400);
    // The coordinator of the area edits it; the form shows the saved Helsinki times.
    const edit = await east.get(`/fi/tapahtumat/${id}/muokkaa`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="09:00"');
    const saved = await east.post(`/fi/tapahtumat/${id}/muokkaa`, seriesForm("Itäinen kahvila, uusi nimi", { type: "project_cafe" }));
    expect(saved.statusCode).toBe(303);
    const [ev] = await t.database.db.select().from(events).where(eq(events.id, id));
    expect(ev?.titleFi).toBe("Itäinen kahvila, uusi nimi");
  });

  it("a forged or malformed event id is 404, not 500", async () => {
    const anon = new Agent(t.app);
    expect((await anon.get("/fi/tapahtumat/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await anon.get("/fi/tapahtumat/not-an-id")).statusCode).toBe(404);
    expect((await anon.get("/fi/tapahtumat/%27%3B--/kalenteri.ics")).statusCode).toBe(404);
    await anon.get("/fi/kirjaudu");
    expect(
      (await anon.post("/fi/tapahtumat/00000000-0000-4000-8000-000000000000", { name: "A", email: "a@example.fi", organisation: "X" }))
        .statusCode,
    ).toBe(404);
  });
});

describe("registration, the waitlist and the personal link", () => {
  it("registers until full, then waitlists; refuses duplicates and bad input; cancelling promotes the first in line", async () => {
    const coord = await loginAgent(t, (await createUser(t, "national_coordinator")).email);
    const id = await newEventAs(coord, seriesForm("Täyttyvä paja"));
    const [question] = await questionsOf(t.database.db, id);
    const people = ["a", "b", "c", "d", "e"].map((x) => ({
      name: `Henkilö ${x}`,
      email: `${x}-${id.slice(0, 8)}@example.fi`,
      organisation: "Diak",
      [`answer-${question?.id}`]: "Gluteeniton",
    }));
    const tokens: string[] = [];
    for (const p of people) {
      const res = await registerAs(new Agent(t.app), id, p);
      expect(res.statusCode).toBe(303);
      tokens.push(String(res.headers.location).split("/")[3]?.split("?")[0] ?? "");
    }
    const regs = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, id))
      .orderBy(eventRegistrations.seq);
    expect(regs.map((r) => r.status)).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect((await answersOf(t.database.db, id)).get(regs[0]?.id ?? "")?.get(question?.id ?? "")).toBe("Gluteeniton");
    // The event page and the calendar say it is full.
    expect((await new Agent(t.app).get(`/fi/tapahtumat/${id}`)).body).toContain("Täynnä – jonoon voi ilmoittautua");
    expect((await new Agent(t.app).get(`/fi/tapahtumat/${id}`)).body).toContain("Ilmoittaudu jonoon");

    // Duplicate e-mail (in another case): a clear message, nothing changed.
    const dup = await registerAs(new Agent(t.app), id, { ...people[0], email: people[0]?.email.toUpperCase() } as Record<string, string>);
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain("on jo ilmoittauduttu");
    const invalid = await registerAs(new Agent(t.app), id, { name: "X", email: "not-an-email", organisation: "Y" }, "sv");
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain("error-summary");
    expect(invalid.body).toContain('value="not-an-email"');
    const nul = await registerAs(new Agent(t.app), id, { name: "X\u0000", email: "nul@example.fi", organisation: "Y" });
    expect(nul.statusCode).toBe(400);
    expect((await t.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id))).length).toBe(5);

    // The waitlisted person sees their place; the confirmed one the meeting link.
    const fourth = await new Agent(t.app).get(`/fi/ilmoittautuminen/${tokens[3]}`);
    expect(fourth.body).toContain("jonossa sijalla 1");
    expect(fourth.body).not.toContain("meet.example.fi");
    const first = await new Agent(t.app).get(`/fi/ilmoittautuminen/${tokens[0]}`);
    expect(first.body).toContain("meet.example.fi");
    expect(first.body).toContain("Gluteeniton");

    // A tampered link: a clear page, nothing changed.
    const tampered = `${tokens[1]?.slice(0, -2)}xx`;
    const bad = new Agent(t.app);
    const badPage = await bad.get(`/fi/ilmoittautuminen/${tampered}`);
    expect(badPage.statusCode).toBe(404);
    expect(badPage.body).toContain("Linkki ei kelpaa");
    await bad.get("/fi/kirjaudu");
    expect((await bad.post(`/fi/ilmoittautuminen/${tampered}/peru`, {})).statusCode).toBe(404);
    expect(
      (
        await t.database.db
          .select()
          .from(eventRegistrations)
          .where(eq(eventRegistrations.id, regs[1]?.id ?? ""))
      ).at(0)?.status,
    ).toBe("confirmed");

    // Cancelling a confirmed seat promotes the first on the waitlist (d), not e.
    const agent = new Agent(t.app);
    await agent.get(`/fi/ilmoittautuminen/${tokens[1]}`);
    const cancel = await agent.post(`/fi/ilmoittautuminen/${tokens[1]}/peru`, {});
    expect(cancel.statusCode).toBe(303);
    const again = await agent.post(`/fi/ilmoittautuminen/${tokens[1]}/peru`, {});
    expect(again.headers.location).toContain("notice=already");
    const after = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, id))
      .orderBy(eventRegistrations.seq);
    expect(after.map((r) => r.status)).toEqual(["confirmed", "cancelled", "confirmed", "confirmed", "waitlisted"]);
    expect(after[3]?.promotedAt).not.toBeNull();
    expect((await new Agent(t.app).get(`/fi/ilmoittautuminen/${tokens[4]}`)).body).toContain("jonossa sijalla 1");

    // Mails go through the queue: nothing in the outbox until the queue runs.
    const mailsTo = async (email: string) =>
      (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email))).map((m) => m.subject);
    expect(await mailsTo(people[3]?.email ?? "")).toEqual([]);
    await t.app.jobs.workOff();
    expect(await mailsTo(people[3]?.email ?? "")).toEqual(["Olet jonossa: Täyttyvä paja", "Sait paikan: Täyttyvä paja"]);
    const [promotedMail] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, people[3]?.email ?? ""), eq(mailOutbox.subject, "Sait paikan: Täyttyvä paja")));
    expect(promotedMail?.bodyText).toContain("https://meet.example.fi/abc");
    expect(promotedMail?.bodyText).toContain(`http://sokra.test/fi/ilmoittautuminen/${tokens[3]}`);
    // Reminders wait for the day before.
    const reminders = await t.database.db.select().from(jobs).where(eq(jobs.type, "events.reminder"));
    expect(reminders.length).toBeGreaterThanOrEqual(3);

    // Erasing one's own registration removes the personal data; the link then says so.
    const mine = await agent.get(`/fi/ilmoittautuminen/${tokens[0]}`);
    expect(mine.body).toContain("Gluteeniton");
    expect((await answersOf(t.database.db, id)).has(after[0]?.id ?? "")).toBe(true);
    expect((await agent.post(`/fi/ilmoittautuminen/${tokens[0]}/poista`, {})).statusCode).toBe(303);
    const [erased] = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, after[0]?.id ?? ""));
    expect(erased).toMatchObject({ name: "", status: "cancelled" });
    expect((await answersOf(t.database.db, id)).has(after[0]?.id ?? "")).toBe(false);
    expect(erased?.email).not.toContain("@");
    expect((await agent.get(`/fi/ilmoittautuminen/${tokens[0]}`)).body).toContain("Ilmoittautuminen on poistettu");
    // … and e moved up into the freed seat.
    const [eRow] = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, after[4]?.id ?? ""));
    expect(eRow?.status).toBe("confirmed");
  });

  it("a logged-in user registers in one step with the account's name and e-mail", async () => {
    const coord = await loginAgent(t, (await createUser(t, "admin")).email);
    const id = await newEventAs(coord, seriesForm("Yhden askeleen paja"));
    const member = await createUser(t, "project_member", { name: "Maija Jäsen" });
    const agent = await loginAgent(t, member.email);
    const page = await agent.get(`/fi/tapahtumat/${id}`);
    expect(page.body).toContain("Maija Jäsen");
    expect(page.body).not.toContain('name="email"');
    const res = await agent.post(`/fi/tapahtumat/${id}`, { organisation: "Järjestö ry", projectCode: "s20220" });
    expect(res.statusCode).toBe(303);
    const [reg] = await t.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id));
    expect(reg).toMatchObject({ name: "Maija Jäsen", email: member.email, userId: member.id, projectCode: "S20220" });
  });

  it("after the deadline, for a past or cancelled event: a clear message and nothing saved", async () => {
    const coord = await loginAgent(t, (await createUser(t, "admin")).email);
    const closedId = await newEventAs(coord, seriesForm("Umpeutunut", { deadlineDate: day(-1), deadlineTime: "12.00" }));
    const r1 = await registerAs(new Agent(t.app), closedId, { name: "A", email: "late@example.fi", organisation: "X" });
    expect(r1.statusCode).toBe(409);
    expect(r1.body).toContain("Ilmoittautumisaika on päättynyt");
    const cancelledId = await newEventAs(coord, seriesForm("Peruttava"));
    await coord.get(`/fi/tapahtumat/${cancelledId}/osallistujat`);
    expect((await coord.post(`/fi/tapahtumat/${cancelledId}/peru`, {})).statusCode).toBe(303);
    const r2 = await registerAs(new Agent(t.app), cancelledId, { name: "A", email: "late@example.fi", organisation: "X" }, "sv");
    expect(r2.statusCode).toBe(409);
    expect(r2.body).toContain("Evenemanget är inställt");
    const pastId = await createEvent(t.database.db, (await createUser(t, "admin")).id, pastInput("Mennyt"));
    const r3 = await registerAs(new Agent(t.app), pastId, { name: "A", email: "late@example.fi", organisation: "X" });
    expect(r3.statusCode).toBe(409);
    for (const id of [closedId, cancelledId, pastId]) {
      expect(await t.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id))).toEqual([]);
    }
  });
});

function pastInput(title: string, startedMinutesAgo = 60 * 24 * 40) {
  const startsAt = new Date(Date.now() - startedMinutesAgo * 60_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3600_000);
  return {
    type: "project_cafe" as const,
    titleFi: title,
    titleSv: title,
    titleEn: title,
    descriptionFi: "",
    descriptionSv: "",
    descriptionEn: "",
    themes: ["young_people" as const],
    areaIds: ["south"],
    audience: "running_projects" as const,
    place: "Helsinki",
    remote: false,
    meetingUrl: null,
    capacity: 50,
    registrationDeadline: startsAt,
    questions: [{ id: null, textFi: "Ruokavalio?", textSv: "Kost?", textEn: "Diet?", required: false }],
    sessions: [{ startsAt, endsAt }],
  };
}

describe("check-in, feedback, reach figures and retention", () => {
  it("participants check in with the code during the event and give anonymous feedback, shown from 5 answers", async () => {
    const admin = await createUser(t, "admin");
    const id = await createEvent(t.database.db, admin.id, pastInput("Käynnissä oleva kahvila", 30));
    const [session] = (await sessionsOf(t.database.db, [id])).get(id) ?? [];
    const [question] = await questionsOf(t.database.db, id);
    const early = { ...deps, now: () => new Date(Date.now() - 2 * 3600_000) };
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await register(
        early,
        id,
        {
          name: `P${i}`,
          email: `p${i}-${id.slice(0, 6)}@example.fi`,
          organisation: `Org ${i % 3}`,
          projectCode: i < 2 ? "S20220" : null,
          answers: [{ questionId: question?.id ?? "", answer: "Vegaani" }],
        },
        { locale: "fi" },
      );
      if (!r.ok) throw new Error(r.reason);
      tokens.push(registrationToken(r.registrationId, SECRET));
    }
    const agent = new Agent(t.app);
    const page = await agent.get(`/fi/ilmoittautuminen/${tokens[0]}`);
    expect(page.body).toContain("Kirjaa läsnäolosi");
    const wrong = await agent.post(`/fi/ilmoittautuminen/${tokens[0]}/lasnaolo`, { code: "ZZZZZZ" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Koodi ei täsmää");
    const ok = await agent.post(`/fi/ilmoittautuminen/${tokens[0]}/lasnaolo`, { code: ` ${session?.attendanceCode.toLowerCase()} ` });
    expect(ok.statusCode).toBe(303);
    // The organiser marks the others (1 and 2 attended; 3–5 did not).
    const coord = await loginAgent(t, admin.email);
    const regs = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, id))
      .orderBy(eventRegistrations.seq);
    const manage = await coord.get(`/fi/tapahtumat/${id}/osallistujat`);
    expect(manage.body).toContain(session?.attendanceCode);
    expect(manage.body).toContain("Vegaani");
    expect(manage.body).toContain(`value="${regs[0]?.id}:${session?.id}" checked`);
    await coord.post(`/fi/tapahtumat/${id}/osallistujat`, {
      attended: [0, 1, 2].map((i) => `${regs[i]?.id}:${session?.id}`),
    });
    const marked = await attendanceOf(t.database.db, id);
    expect(regs.map((r) => marked.has(`${r.id}:${session?.id}`))).toEqual([true, true, true, false, false, false]);

    // Feedback: bad rating refused; 4 answers hidden, the 5th shows the results; once per registrant.
    const bad = await agent.post(`/fi/ilmoittautuminen/${tokens[0]}/palaute`, { rating: "6", comment: "x" });
    expect(bad.statusCode).toBe(400);
    for (let i = 0; i < 4; i++) {
      const a = new Agent(t.app);
      await a.get(`/fi/ilmoittautuminen/${tokens[i]}`);
      expect(
        (await a.post(`/fi/ilmoittautuminen/${tokens[i]}/palaute`, { rating: String(5 - (i % 2)), comment: `Hyvä ${i}` })).headers.location,
      ).toContain("feedbackThanks");
    }
    expect((await agent.post(`/fi/ilmoittautuminen/${tokens[0]}/palaute`, { rating: "1", comment: "" })).headers.location).toContain(
      "notice=already",
    );
    expect((await coord.get(`/fi/tapahtumat/${id}/osallistujat`)).body).toContain("Palautteita on 4");
    const fifth = new Agent(t.app);
    await fifth.get(`/fi/ilmoittautuminen/${tokens[4]}`);
    await fifth.post(`/fi/ilmoittautuminen/${tokens[4]}/palaute`, { rating: "3", comment: "" });
    const results = await coord.get(`/fi/tapahtumat/${id}/osallistujat`);
    expect(results.body).toContain("5 vastausta, keskiarvo 4,2 / 5");
    expect(results.body).toContain("Hyvä 3");
    const stored = await t.database.db.select().from(eventFeedback).where(eq(eventFeedback.eventId, id));
    expect(stored).toHaveLength(5);
    expect(Object.keys(stored[0] ?? {})).not.toContain("registrationId");

    // Reach figures, with CSV and XLSX, for coordinators.
    const reach = await coord.get("/fi/tapahtumat/tavoittavuus");
    expect(reach.statusCode).toBe(200);
    expect(reach.body).toContain("Käynnissä oleva kahvila");
    const csv = await coord.get("/fi/tapahtumat/tavoittavuus.csv");
    expect(csv.headers["content-type"]).toContain("text/csv");
    const line = csv.body.split("\r\n").find((l) => l.includes("Käynnissä oleva kahvila"));
    // events; registrations; confirmed; attended; attendances; no-shows (not yet: the event is on); projects; organisations
    expect(line?.split(";").slice(2)).toEqual(["1", "6", "6", "3", "3", "0", "1", "3"]);
    const xlsx = await coord.get("/en/events/reach.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes("Käynnissä oleva kahvila") || String(r[2] ?? "").includes("Käynnissä oleva kahvila"))).toBe(true);
  });

  it("the retention job deletes answers 30 days after the event and leaves newer ones", async () => {
    const admin = await createUser(t, "admin");
    const oldId = await createEvent(t.database.db, admin.id, pastInput("Vanha", 60 * 24 * 31 + 200));
    const newId = await createEvent(t.database.db, admin.id, pastInput("Tuore", 60 * 24 * 29));
    for (const [id, minutes] of [
      [oldId, 60 * 24 * 32],
      [newId, 60 * 24 * 30],
    ] as const) {
      const [question] = await questionsOf(t.database.db, id);
      const r = await register(
        { ...deps, now: () => new Date(Date.now() - minutes * 60_000) },
        id,
        {
          name: "R",
          email: `r-${id.slice(0, 6)}@example.fi`,
          organisation: "O",
          projectCode: null,
          answers: [{ questionId: question?.id ?? "", answer: "Allergia" }],
        },
        { locale: "fi" },
      );
      expect(r.ok).toBe(true);
    }
    await purgeOldAnswers(t.database.db, new Date());
    const answers = async (id: string) => [...(await answersOf(t.database.db, id)).values()].flatMap((m) => [...m.values()]);
    expect(await answers(oldId)).toEqual([]);
    expect(await answers(newId)).toEqual(["Allergia"]);
    const [ev] = await t.database.db.select().from(events).where(eq(events.id, oldId));
    expect(ev?.answersPurgedAt).not.toBeNull();
  });
});

describe("random input", () => {
  it("the registration and event forms never answer 500 (fast-check, with control characters and NUL)", async () => {
    const fc = (await import("fast-check")).default;
    const coord = await loginAgent(t, (await createUser(t, "admin")).email);
    const id = await newEventAs(coord, seriesForm("Satunnainen", { capacity: "1000" }));
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom("\u0000", "\u0007", "\n", "ä", "a", "@", ".", "<", "'") }),
      fc.constant(""),
    );
    const anon = new Agent(t.app);
    await anon.get(`/fi/tapahtumat/${id}`);
    await fc.assert(
      fc.asyncProperty(text, text, text, text, text, async (name, email, organisation, projectCode, answer) => {
        const res = await anon.post(`/fi/tapahtumat/${id}`, { name, email, organisation, projectCode, answer });
        expect([303, 400, 409]).toContain(res.statusCode);
      }),
      { numRuns: 40 },
    );
    await coord.get("/fi/tapahtumat/uusi");
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (titleFi, capacity, session1Date, session1Start) => {
        const res = await coord.post("/fi/tapahtumat/uusi", { ...seriesForm(titleFi), capacity, session1Date, session1Start });
        expect([303, 400]).toContain(res.statusCode);
      }),
      { numRuns: 40 },
    );
  });
});
