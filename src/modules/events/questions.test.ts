import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { mailOutbox } from "../mail/schema.ts";
import { eventForm, registrationForm } from "./inputs.ts";
import { registrationToken } from "./links.ts";
import { answersOf, attendanceOf, questionsOf, sessionsOf } from "./queries.ts";
import { helsinkiWallClock } from "./rules.ts";
import { eventRegistrations } from "./schema.ts";
import { cancelEvent, cancelRegistration, checkIn, createEvent, type EventDeps, register } from "./service.ts";

/**
 * Several questions to registrants (issue 5) and attendance per session of a series. The app runs
 * on a clock the test moves (`now`), as the e2e server runs on the test clock.
 */
let t: TestApp;
let deps: EventDeps;
let clock = Date.now();
const SECRET = "test-secret-test-secret-test-secret-0123";
const HOUR = 3600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestApp(
    { RATE_LIMIT_AUTH_MAX: "10000", RATE_LIMIT_EVENTS_MAX: "10000", BASE_URL: "http://sokra.test" },
    { now: () => new Date(clock) },
  );
  deps = { db: t.database.db, secret: SECRET, baseUrl: "http://sokra.test", now: () => new Date(clock) };
});
afterAll(async () => t?.close());

const day = (offsetDays: number) => helsinkiWallClock(new Date(Date.now() + offsetDays * DAY)).slice(0, 10);

function form(title: string, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    type: "project_cafe",
    titleFi: title,
    audience: "everyone",
    place: "Joensuu",
    capacity: "10",
    areaIds: ["east"],
    session1Date: day(10),
    session1Start: "13.00",
    session1End: "15.00",
    ...over,
  };
}

async function create(agent: Agent, body: Record<string, string | string[]>) {
  await agent.get("/fi/tapahtumat/uusi");
  const res = await agent.post("/fi/tapahtumat/uusi", body);
  expect(res.statusCode).toBe(303);
  const id = /tapahtumat\/([0-9a-f-]{36})\/osallistujat/.exec(String(res.headers.location))?.[1];
  if (!id) throw new Error(`no id in ${res.headers.location}`);
  return id;
}

describe("the event form's questions", () => {
  it("are parsed in the order of their numbers, translations default to Finnish, empty rows are removed", () => {
    const parsed = eventForm(["east"]).parse(
      form("Kahvila", {
        question1Fi: "Ruokavalio?",
        question1Order: "2",
        question2Fi: "Saavutettavuus?",
        question2Sv: "Tillgänglighet?",
        question2Required: "1",
        question2Order: "1",
        question3Fi: "",
        question3Sv: "",
        question4Fi: "Kolmas",
        question4Id: "not-a-uuid",
      }),
    );
    expect(parsed.questions).toEqual([
      { id: null, textFi: "Saavutettavuus?", textSv: "Tillgänglighet?", textEn: "Saavutettavuus?", required: true },
      { id: null, textFi: "Ruokavalio?", textSv: "Ruokavalio?", textEn: "Ruokavalio?", required: false },
      { id: null, textFi: "Kolmas", textSv: "Kolmas", textEn: "Kolmas", required: false },
    ]);
  });

  it("refuses a question without Finnish wording and an order that is not a number, next to the field", () => {
    const issues = (over: Record<string, string>) =>
      eventForm(["east"])
        .safeParse(form("Kahvila", over))
        .error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(issues({ question2Sv: "Bara svenska?" })).toEqual(["question2Fi: errors.eventQuestionFiRequired"]);
    expect(issues({ question3Fi: "X", question3Order: "ab" })).toEqual(["question3Order: errors.eventQuestionOrder"]);
    expect(issues({ question1Fi: "x".repeat(301) })).toEqual(["question1Fi: errors.textTooLong"]);
  });

  it("the registration form needs the required answers and keeps only non-empty ones", () => {
    const qs = [
      { id: "11111111-1111-4111-8111-111111111111", required: true },
      { id: "22222222-2222-4222-8222-222222222222", required: false },
    ];
    const base = { name: "A", email: "a@example.fi", organisation: "O" };
    const missing = registrationForm(qs).safeParse(base);
    expect(missing.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["answer-11111111-1111-4111-8111-111111111111", "errors.eventAnswerRequired"],
    ]);
    const ok = registrationForm(qs).parse({ ...base, "answer-11111111-1111-4111-8111-111111111111": " Pyörätuoli ", other: "x" });
    expect(ok.answers).toEqual([{ questionId: "11111111-1111-4111-8111-111111111111", answer: "Pyörätuoli" }]);
  });

  it("the coordinator adds, orders, edits and removes questions; answers of an edited question stay, a removed one's go", async () => {
    const east = await loginAgent(t, (await createUser(t, "area_coordinator", { areaId: "east" })).email);
    // "Add another question" without JS: the form again with one more row, nothing saved.
    await east.get("/fi/tapahtumat/uusi");
    const more = await east.post("/fi/tapahtumat/uusi", { ...form("Lisäys"), question1Fi: "Eka?", questionRows: "2", addQuestion: "1" });
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="question3Fi"');
    expect(more.body).not.toContain('name="question4Fi"');
    expect(more.body).toContain('value="Eka?"');
    expect(more.body).not.toContain("error-summary");

    const id = await create(
      east,
      form("Kysyvä kahvila", {
        question1Fi: "Ruokavalio?",
        question1Sv: "Specialkost?",
        question1Order: "2",
        question2Fi: "Saavutettavuustarpeet?",
        question2Required: "1",
        question2Order: "1",
      }),
    );
    const qs = await questionsOf(t.database.db, id);
    expect(qs.map((q) => [q.ordinal, q.textFi, q.required])).toEqual([
      [1, "Saavutettavuustarpeet?", true],
      [2, "Ruokavalio?", false],
    ]);
    const [access, diet] = qs;
    if (!access || !diet) throw new Error("no questions");

    // A registrant answers both; the organiser sees the answers, in the question order.
    const visitor = new Agent(t.app);
    const page = await visitor.get(`/sv/evenemang/${id}`);
    expect(page.body).toContain("Specialkost? (frivillig)");
    const refused = await visitor.post(`/sv/evenemang/${id}`, {
      name: "Ada",
      email: "ada@example.fi",
      organisation: "Diak",
      [`answer-${diet.id}`]: "Vegan",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Svara på frågan: Saavutettavuustarpeet?");
    expect(refused.body).toContain(">Vegan</textarea>");
    const ok = await visitor.post(`/sv/evenemang/${id}`, {
      name: "Ada",
      email: "ada@example.fi",
      organisation: "Diak",
      [`answer-${access.id}`]: "Hörslinga",
      [`answer-${diet.id}`]: "Vegan",
    });
    expect(ok.statusCode).toBe(303);
    const manage = await east.get(`/fi/tapahtumat/${id}/osallistujat`);
    expect(manage.body).toContain("Hörslinga");
    expect(manage.body.indexOf("Saavutettavuustarpeet?")).toBeLessThan(manage.body.indexOf("Ruokavalio?"));

    // The edit form shows the questions; the wording of the first is changed, the second removed, one added.
    const edit = await east.get(`/fi/tapahtumat/${id}/muokkaa`);
    expect(edit.body).toContain(`value="${access.id}"`);
    const saved = await east.post(
      `/fi/tapahtumat/${id}/muokkaa`,
      form("Kysyvä kahvila", {
        question1Id: access.id,
        question1Fi: "Saavutettavuus- tai kuulemistarpeet?",
        question1Required: "1",
        question2Id: diet.id,
        question2Fi: "",
        question3Fi: "Tuotko hankkeesi esitteen?",
      }),
    );
    expect(saved.statusCode).toBe(303);
    const after = await questionsOf(t.database.db, id);
    expect(after.map((q) => [q.id === access.id, q.textFi])).toEqual([
      [true, "Saavutettavuus- tai kuulemistarpeet?"],
      [false, "Tuotko hankkeesi esitteen?"],
    ]);
    const answers = [...(await answersOf(t.database.db, id)).values()].flatMap((m) => [...m.entries()]);
    expect(answers).toEqual([[access.id, "Hörslinga"]]);

    // Another area's coordinator and anonymous visitors cannot add rows or save.
    const north = await loginAgent(t, (await createUser(t, "area_coordinator", { areaId: "north" })).email);
    await north.get("/fi/tapahtumat/uusi");
    expect((await north.post(`/fi/tapahtumat/${id}/muokkaa`, { ...form("X"), addQuestion: "1" })).statusCode).toBe(403);
    const anon = new Agent(t.app);
    await anon.get("/fi/kirjaudu");
    expect((await anon.post("/fi/tapahtumat/uusi", { ...form("X"), addQuestion: "1" })).statusCode).toBe(401);
    const member = await loginAgent(t, (await createUser(t, "project_member")).email);
    await member.get("/fi/kirjaudu");
    expect((await member.post("/fi/tapahtumat/uusi", { ...form("X"), addQuestion: "1" })).statusCode).toBe(403);
  });

  it("a registrant sees their answers on their own page and erases them; the registration stays", async () => {
    const admin = await createUser(t, "admin");
    const coord = await loginAgent(t, admin.email);
    const id = await create(coord, form("Poistettavat vastaukset", { question1Fi: "Allergiat?", question1Required: "1" }));
    const [q] = await questionsOf(t.database.db, id);
    const visitor = new Agent(t.app);
    await visitor.get(`/fi/tapahtumat/${id}`);
    const res = await visitor.post(`/fi/tapahtumat/${id}`, {
      name: "Eero",
      email: "eero@example.fi",
      organisation: "THL",
      [`answer-${q?.id}`]: "Pähkinä",
    });
    const link = String(res.headers.location).split("?")[0] ?? "";
    const own = await visitor.get(link);
    expect(own.body).toContain("Allergiat?");
    expect(own.body).toContain("Pähkinä");
    expect((await visitor.post(`${link}/poista`, { what: "answers" })).headers.location).toContain("notice=answersErased");
    const after = await visitor.get(`${link}?notice=answersErased`);
    expect(after.body).toContain("Vastauksesi on poistettu.");
    expect(after.body).not.toContain("Pähkinä");
    expect((await answersOf(t.database.db, id)).size).toBe(0);
    const [reg] = await t.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id));
    expect(reg).toMatchObject({ name: "Eero", status: "confirmed" });
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, reg?.id ?? ""));
    expect(audit.map((a) => a.action)).toContain("event.eraseAnswers");
    // A tampered link changes nothing.
    expect((await visitor.post(`${link}x/poista`, { what: "answers" })).statusCode).toBe(404);
  });

  it("random question rows and answers never answer 500 (fast-check)", async () => {
    const fc = (await import("fast-check")).default;
    const coord = await loginAgent(t, (await createUser(t, "admin")).email);
    const id = await create(coord, form("Satunnaiset kysymykset", { question1Fi: "Pakollinen?", question1Required: "1" }));
    const [q] = await questionsOf(t.database.db, id);
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom("\u0000", "\u0007", "\n", "ä", "1", "-", "<", "'") }),
      fc.constant(""),
      fc.uuid(),
    );
    await coord.get("/fi/tapahtumat/uusi");
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            "question1Fi",
            "question1Sv",
            "question1Order",
            "question1Required",
            "question1Id",
            "question2Fi",
            "question2En",
            "question10Fi",
            "question11Fi",
            "questionRows",
            "addQuestion",
          ),
          text,
        ),
        async (fields) => {
          const res = await coord.post("/fi/tapahtumat/uusi", { ...form("Satunnainen"), ...fields });
          expect([200, 303, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 40 },
    );
    const anon = new Agent(t.app);
    await anon.get(`/fi/tapahtumat/${id}`);
    await fc.assert(
      fc.asyncProperty(text, text, text, async (email, answer, forged) => {
        const res = await anon.post(`/fi/tapahtumat/${id}`, {
          name: "N",
          email,
          organisation: "O",
          [`answer-${q?.id}`]: answer,
          [`answer-${forged}`]: forged,
        });
        expect([303, 400, 409]).toContain(res.statusCode);
      }),
      { numRuns: 40 },
    );
  });
});

describe("attendance per session of a series", () => {
  it("each session has its own code, open only around that session; the organiser marks sessions; reach counts each", async () => {
    const admin = await createUser(t, "admin");
    let coord = await loginAgent(t, admin.email);
    clock = Date.now();
    const id = await create(
      coord,
      form("Kolmiosainen valmennus", {
        type: "coaching_session",
        session2Date: day(17),
        session2Start: "13.00",
        session2End: "15.00",
        session3Date: day(24),
        session3Start: "13.00",
        session3End: "15.00",
      }),
    );
    const sessions = (await sessionsOf(t.database.db, [id])).get(id) ?? [];
    expect(sessions).toHaveLength(3);
    expect(new Set(sessions.map((s) => s.attendanceCode)).size).toBe(3);
    const [s1, s2, s3] = sessions;
    if (!s1 || !s2 || !s3) throw new Error("no sessions");
    const people = [];
    for (const name of ["Aila", "Bo", "Cay"]) {
      const r = await register(
        deps,
        id,
        { name, email: `${name.toLowerCase()}@example.fi`, organisation: name, projectCode: null, answers: [] },
        { locale: "fi" },
      );
      if (!r.ok) throw new Error(r.reason);
      people.push(r);
    }
    const [aila, bo, cay] = people;
    if (!aila || !bo || !cay) throw new Error("not registered");

    // During session 1: its code checks in to it; session 2's code does not.
    clock = s1.startsAt.getTime() + 10 * 60_000;
    expect((await checkIn(deps, aila.registrationId, s2.attendanceCode)).result).toBe("wrongCode");
    expect(await checkIn(deps, aila.registrationId, s1.attendanceCode)).toEqual({ result: "ok", sessionId: s1.id });
    // Through the personal page, with the session marked there.
    const visitor = new Agent(t.app);
    const token = registrationToken(bo.registrationId, SECRET);
    expect((await visitor.get(`/fi/ilmoittautuminen/${token}`)).body).toContain("Kirjaa läsnäolosi");
    expect((await visitor.post(`/fi/ilmoittautuminen/${token}/lasnaolo`, { code: s1.attendanceCode })).statusCode).toBe(303);
    // Between sessions nothing is open.
    clock = s1.endsAt.getTime() + DAY;
    expect((await checkIn(deps, aila.registrationId, s1.attendanceCode)).result).toBe("notOpen");
    const between = await visitor.get(`/fi/ilmoittautuminen/${token}`);
    expect(between.body).not.toContain("Kirjaa läsnäolosi");
    expect(between.body).toContain("läsnä");
    // Session 2, an hour before: open with its own code.
    clock = s2.startsAt.getTime() - 30 * 60_000;
    expect((await checkIn(deps, aila.registrationId, s2.attendanceCode.toLowerCase())).result).toBe("ok");

    // The organiser sees a code per session and a column per session; marks Cay at session 3 and
    // keeps the others; a forged pair (another event's session, an unknown registration) is ignored.
    // (The login of before has expired on the moved clock.)
    coord = await loginAgent(t, admin.email);
    const manage = await coord.get(`/fi/tapahtumat/${id}/osallistujat`);
    for (const s of sessions) expect(manage.body).toContain(s.attendanceCode);
    expect(manage.body).toContain("Osa 3: paikalla");
    expect(manage.body).toContain(`value="${aila.registrationId}:${s2.id}" checked`);
    const otherId = await create(coord, form("Toinen"));
    const [other] = (await sessionsOf(t.database.db, [otherId])).get(otherId) ?? [];
    const marked = await coord.post(`/fi/tapahtumat/${id}/osallistujat`, {
      attended: [
        `${aila.registrationId}:${s1.id}`,
        `${aila.registrationId}:${s2.id}`,
        `${bo.registrationId}:${s1.id}`,
        `${cay.registrationId}:${s3.id}`,
        `${cay.registrationId}:${other?.id}`,
        `00000000-0000-4000-8000-000000000000:${s1.id}`,
        "nonsense",
      ],
    });
    expect(marked.statusCode).toBe(303);
    const attendance = await attendanceOf(t.database.db, id);
    expect(attendance.size).toBe(4);
    // Bo has no session-2 mark: the organiser's form is the whole truth for the event.
    expect(attendance.has(`${cay.registrationId}:${s3.id}`)).toBe(true);

    // Reach after the series: 3 people attended (each once), 4 attendances, no no-shows.
    clock = s3.endsAt.getTime() + DAY;
    coord = await loginAgent(t, admin.email);
    const csv = await coord.get("/fi/tapahtumat/tavoittavuus.csv");
    const line = csv.body.split("\r\n").find((l) => l.includes("Kolmiosainen valmennus"));
    // events; registrations; confirmed; attended; attendances; no-shows; projects; organisations
    expect(line?.split(";").slice(2)).toEqual(["1", "3", "3", "3", "4", "0", "0", "3"]);

    // Moving a session's time keeps its code and attendance; removing the last session removes its attendance.
    const edit = await coord.post(
      `/fi/tapahtumat/${id}/muokkaa`,
      form("Kolmiosainen valmennus", {
        type: "coaching_session",
        session1Start: "12.00",
        session2Date: day(17),
        session2Start: "13.00",
        session2End: "15.00",
      }),
    );
    expect(edit.statusCode).toBe(303);
    const kept = (await sessionsOf(t.database.db, [id])).get(id) ?? [];
    expect(kept.map((s) => [s.id, s.attendanceCode])).toEqual([
      [s1.id, s1.attendanceCode],
      [s2.id, s2.attendanceCode],
    ]);
    expect((await attendanceOf(t.database.db, id)).size).toBe(3);
    clock = Date.now();
  });

  it("refuses marking attendance to anonymous (401), other roles (403) and another area's coordinator (403)", async () => {
    const east = await loginAgent(t, (await createUser(t, "area_coordinator", { areaId: "east" })).email);
    const id = await create(east, form("Läsnäolo ja roolit"));
    const anon = new Agent(t.app);
    expect((await anon.get(`/fi/tapahtumat/${id}/osallistujat`)).statusCode).toBe(401);
    await anon.get(`/fi/tapahtumat/${id}`);
    expect((await anon.post(`/fi/tapahtumat/${id}/osallistujat`, { attended: "x:y" })).statusCode).toBe(401);
    for (const role of ["project_member", "researcher"] as const) {
      const a = await loginAgent(t, (await createUser(t, role)).email);
      await a.get(`/fi/tapahtumat/${id}`);
      expect((await a.post(`/fi/tapahtumat/${id}/osallistujat`, { attended: "x:y" })).statusCode).toBe(403);
    }
    const north = await loginAgent(t, (await createUser(t, "area_coordinator", { areaId: "north" })).email);
    await north.get(`/fi/tapahtumat/${id}`);
    expect((await north.post(`/fi/tapahtumat/${id}/osallistujat`, { attended: "x:y" })).statusCode).toBe(403);
    expect((await east.post("/fi/tapahtumat/00000000-0000-4000-8000-000000000000/osallistujat", { attended: "x:y" })).statusCode).toBe(404);
  });
});

describe("on a clock behind the real one (the e2e server's test clock)", () => {
  it("promotion and cancellation mails are due by the app's clock, not the database's", async () => {
    clock = Date.now() - 2 * HOUR;
    const admin = await createUser(t, "admin");
    const startsAt = new Date(clock + 5 * DAY);
    const id = await createEvent(t.database.db, admin.id, {
      ...eventForm(["east"]).parse(form("Kello jäljessä")),
      capacity: 1,
      registrationDeadline: startsAt,
      sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }],
    });
    const person = (email: string) => ({ name: email, email, organisation: "O", projectCode: null, answers: [] });
    const first = await register(deps, id, person("first-behind@example.fi"), { locale: "fi" });
    await register(deps, id, person("second-behind@example.fi"), { locale: "fi" });
    if (!first.ok) throw new Error("not registered");
    await cancelRegistration(deps, first.registrationId);
    await cancelEvent(deps, admin.id, id);
    await t.app.jobs.workOff();
    const subjects = (await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "second-behind@example.fi"))).map(
      (m) => m.subject,
    );
    expect(subjects).toEqual(["Olet jonossa: Kello jäljessä", "Sait paikan: Kello jäljessä", "Tapahtuma peruttu: Kello jäljessä"]);
    clock = Date.now();
  });
});
