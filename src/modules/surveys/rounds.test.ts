import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { todayInHelsinki } from "../../time.ts";
import { auditLog } from "../audit/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { projectMembers } from "../projects/schema.ts";
import { saveProject } from "../projects/service.ts";
import { surveyResponses, surveyRounds } from "./schema.ts";
import { openRound, storeAnswer } from "./service.ts";

let t: TestApp;
let projectId: string;
const users: Record<string, { id: string; email: string }> = {};
const today = todayInHelsinki();
const MANAGE = "/fi/hankkeet/S28002/kysely";
const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  for (const [key, role, areaId] of [
    ["admin", "admin", null],
    ["national", "national_coordinator", null],
    ["east", "area_coordinator", "east"],
    ["north", "area_coordinator", "north"],
    ["member", "project_member", null],
    ["otherMember", "project_member", null],
    ["viewer", "ministry_viewer", null],
    ["researcher", "researcher", null],
  ] as const) {
    const u = await createUser(t, role, { areaId });
    users[key] = { id: u.id, email: u.email };
  }
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code: "S28002",
      programmeId: "esf-2014-2020-tl5",
      scope: "regional",
      nameFi: "Kuopion olohuone",
      summaryFi: "Matalan kynnyksen olohuone Kuopiossa.",
      municipalityCodes: ["297"],
      lead: { name: "Kuopion yhdistys ry", type: "ngo", businessId: "" },
      status: "running",
      statusChangedOn: "2018-05-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  projectId = r.id;
  await t.database.db.insert(projectMembers).values({ projectId, userId: users.member?.id ?? "" });
});
afterAll(async () => t?.close());

const login = (key: string) => loginAgent(t, users[key]?.email ?? "");

async function rounds() {
  return t.database.db.select().from(surveyRounds).where(eq(surveyRounds.projectId, projectId)).orderBy(surveyRounds.sequence);
}

describe("changing a round's dates and closing it now", () => {
  let roundId: string;
  beforeAll(async () => {
    const a = await login("member");
    await a.get(MANAGE);
    expect((await a.post(MANAGE, { action: "openRound", opensOn: "2020-01-01", closesOn: "2099-12-31" })).statusCode).toBe(303);
    roundId = (await rounds())[0]?.id as string;
  });

  it("refuses anonymous (401), other roles and other projects' people (403), another project's round (404)", async () => {
    const body = { action: "changeRoundDates", roundId, editOpensOn: "2020-01-01", editClosesOn: "2099-01-01" };
    expect((await new Agent(t.app).post(MANAGE, body)).statusCode).toBe(403); // no CSRF cookie: refused before anything
    const anonymous = new Agent(t.app);
    await anonymous.get("/fi/kirjaudu");
    expect((await anonymous.post(MANAGE, body)).statusCode).toBe(401);
    expect((await anonymous.get(`${MANAGE}?round=${roundId}`)).statusCode).toBe(401);
    for (const key of ["otherMember", "viewer", "researcher", "north"]) {
      const a = await login(key);
      expect((await a.get(`${MANAGE}?round=${roundId}`)).statusCode, key).toBe(403);
      expect((await a.post(MANAGE, body)).statusCode, key).toBe(403);
      expect((await a.post(MANAGE, { action: "closeRound", roundId })).statusCode, key).toBe(403);
    }
    const member = await login("member");
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await member.post(MANAGE, { ...body, roundId: unknown })).statusCode).toBe(404);
    expect((await member.post(MANAGE, { action: "closeRound", roundId: unknown })).statusCode).toBe(404);
    expect((await member.post(MANAGE, { action: "closeRound", roundId: "nope" })).statusCode).toBe(404);
    expect((await rounds())[0]).toMatchObject({ opensOn: "2020-01-01", closesOn: "2099-12-31" });
  });

  it("shows the form with the round's dates; bad dates go next to the field and into the summary, kept as typed", async () => {
    const a = await login("member");
    const page = await a.get(`${MANAGE}?round=${roundId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="edit-round"');
    expect(page.body).toContain('value="2099-12-31"');
    for (const [opens, closes, message] of [
      ["2026-12-01", "2026-11-01", "Sulkeutumispäivä ei voi olla ennen avautumispäivää"],
      ["2026-02-30", "2026-11-01", ""],
      ["", "", ""],
    ] as const) {
      const bad = await a.post(MANAGE, { action: "changeRoundDates", roundId, editOpensOn: opens, editClosesOn: closes });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('class="error-summary"');
      expect(bad.body).toContain('href="#field-edit');
      if (message) expect(bad.body).toContain(message);
      if (opens) expect(bad.body).toContain(`value="${opens}"`);
    }
    expect((await rounds())[0]).toMatchObject({ opensOn: "2020-01-01", closesOn: "2099-12-31" });
  });

  it("each managing role changes the dates (close = open is fine), with an audit entry", async () => {
    for (const [key, closes] of [
      ["member", "2099-06-30"],
      ["east", "2099-07-31"],
      ["national", "2099-08-31"],
      ["admin", "2099-09-30"],
    ] as const) {
      const a = await login(key);
      const res = await a.post(MANAGE, { action: "changeRoundDates", roundId, editOpensOn: "2020-01-02", editClosesOn: closes });
      expect(res.statusCode, key).toBe(303);
      expect(res.headers.location).toBe(`${MANAGE}?done=datesChanged`);
      expect((await rounds())[0]).toMatchObject({ opensOn: "2020-01-02", closesOn: closes });
    }
    const a = await login("member");
    expect(
      (await a.post(MANAGE, { action: "changeRoundDates", roundId, editOpensOn: "2099-01-01", editClosesOn: "2099-01-01" })).statusCode,
    ).toBe(303);
    expect((await a.get(`${MANAGE}?done=datesChanged`)).body).toContain("Päivämäärät muutettu.");
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "survey.round.dates"));
    expect(audit).toHaveLength(5);
    expect(audit.at(-1)?.changes).toMatchObject({ roundId, opensOn: ["2020-01-02", "2099-01-01"], closesOn: ["2099-09-30", "2099-01-01"] });
    // Back to open for the next test.
    await a.post(MANAGE, { action: "changeRoundDates", roundId, editOpensOn: "2020-01-01", editClosesOn: "2099-12-31" });
  });

  it("closes an open round now: yesterday becomes its last day and the form says the round is closed", async () => {
    const a = await login("member");
    const page = await a.get(MANAGE);
    expect(page.body).toContain("Sulje Alkukysely nyt");
    const codes = await a.post(MANAGE, { action: "issueCodes", size: "1" });
    const cards = await a.get(codes.headers.location as string);
    const code = String(cards.body.match(/class="survey-code">([A-Z0-9]{4}-[A-Z0-9]{4})</)?.[1]).replace("-", "");
    expect((await new Agent(t.app).get(`/fi/kysely/${code}`)).statusCode).toBe(200);

    const res = await a.post(MANAGE, { action: "closeRound", roundId });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${MANAGE}?done=roundClosed`);
    expect((await rounds())[0]).toMatchObject({ opensOn: "2020-01-01", closesOn: yesterday });
    const after = await a.get(`${MANAGE}?done=roundClosed`);
    expect(after.body).toContain("Kierros suljettu.");
    expect(after.body).not.toContain("Sulje Alkukysely nyt");
    const form = await new Agent(t.app).get(`/fi/kysely/${code}`);
    expect(form.body).toContain("päättynyt");
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "survey.round.close"));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.changes).toMatchObject({ roundId, closesOn: ["2099-12-31", yesterday] });

    // Closing it again: it is not open; a kind error, nothing changed.
    const again = await a.post(MANAGE, { action: "closeRound", roundId });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Tämä kierros ei ole auki");
  });

  it("a round opened today and closed at once keeps close ≥ open", async () => {
    const a = await login("east");
    await a.get(MANAGE);
    expect((await a.post(MANAGE, { action: "openRound", opensOn: today, closesOn: "2099-12-31" })).statusCode).toBe(303);
    const second = (await rounds())[1];
    expect((await a.post(MANAGE, { action: "closeRound", roundId: second?.id ?? "" })).statusCode).toBe(303);
    const closed = (await rounds())[1];
    expect(closed).toMatchObject({ opensOn: yesterday, closesOn: yesterday });
  });
});

describe("answers sent at the same moment (group commit)", () => {
  it("each stored once: a code sent three times at once counts once, answers without a code always count", async () => {
    const round = await openRound(t.database.db, null, projectId, { opensOn: "2020-01-01", closesOn: "2099-12-31", anonymousLink: true });
    const input = { answers: [3, 3, 3, 3, 3, 3, 3, 3, 3, null], background: {}, withWorker: false, language: "fi" };
    const codes = Array.from({ length: 20 }, (_, i) => `GROUP${String(i).padStart(3, "0")}`);
    const sends = [...codes, ...codes.slice(0, 5), ...codes.slice(0, 5), null, null, null];
    const results = await Promise.all(sends.map((code) => storeAnswer(t.database.db, { roundId: round.id, code }, input, today)));
    // The first send of every code and every send without a code; the repeats are refused.
    expect(results.filter(Boolean)).toHaveLength(23);
    expect(results.slice(0, 20).every(Boolean)).toBe(true);
    expect(results.slice(20, 30).some(Boolean)).toBe(false);
    const rows = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.roundId, round.id));
    expect(rows).toHaveLength(23);
    expect(new Set(rows.filter((r) => r.code).map((r) => r.code)).size).toBe(20);
    // Later, one by one, a code that answered is refused.
    expect(await storeAnswer(t.database.db, { roundId: round.id, code: codes[0] as string }, input, today)).toBe(false);
  });
});
