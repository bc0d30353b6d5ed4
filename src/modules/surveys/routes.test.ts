import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { todayInHelsinki } from "../../time.ts";
import { auditLog } from "../audit/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { projectMembers } from "../projects/schema.ts";
import { saveProject } from "../projects/service.ts";
import { formatCode, generateCode } from "./codes.ts";
import { surveyCodes, surveyResponses, surveyRounds } from "./schema.ts";

let t: TestApp;
let projectId: string;
const users: Record<string, { id: string; email: string }> = {};
const today = todayInHelsinki();
const MANAGE = "/fi/hankkeet/S28001/kysely";

const answers = (values: number[]) => Object.fromEntries(values.map((v, i) => [`item${i + 1}`, String(v)]));

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  for (const [key, role, areaId] of [
    ["admin", "admin", null],
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
      code: "S28001",
      programmeId: "esf-2014-2020-tl5",
      scope: "regional",
      nameFi: "Joensuun kohtaamispaikka",
      summaryFi: "Matalan kynnyksen kohtaamispaikka Joensuussa.",
      municipalityCodes: ["167"],
      lead: { name: "Joensuun seudun yhdistys ry", type: "ngo", businessId: "" },
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

/** A participant opens the form (which gives the CSRF token) and sends it. */
async function answerAs(code: string, values: number[]) {
  const a = new Agent(t.app);
  expect((await a.get(`/fi/kysely/${code}`)).statusCode).toBe(200);
  expect((await a.post(`/fi/kysely/${code}`, answers(values))).statusCode).toBe(303);
}

async function issueCodes(agent: Agent, size: number): Promise<string[]> {
  const res = await agent.post(MANAGE, { action: "issueCodes", size: String(size) });
  expect(res.statusCode).toBe(303);
  const cards = await agent.get(res.headers.location as string);
  expect(cards.statusCode).toBe(200);
  return [...cards.body.matchAll(/class="survey-code">([A-Z0-9]{4}-[A-Z0-9]{4})</g)].map((m) => (m[1] as string).replace("-", ""));
}

describe("running a project's survey", () => {
  it("refuses anonymous (401), other roles and other projects' people (403)", async () => {
    expect((await new Agent(t.app).get(MANAGE)).statusCode).toBe(401);
    for (const key of ["otherMember", "viewer", "researcher", "north"]) {
      const a = await login(key);
      expect((await a.get(MANAGE)).statusCode, key).toBe(403);
      expect((await a.get(`${MANAGE}/tulokset`)).statusCode, key).toBe(403);
      expect((await a.post(MANAGE, { action: "issueCodes", size: "3" })).statusCode, key).toBe(403);
    }
    expect((await (await login("member")).get("/fi/hankkeet/S99999/kysely")).statusCode).toBe(404);
  });

  it("the project's member opens the start round; bad dates are shown next to the field and kept", async () => {
    const a = await login("member");
    const page = await a.get(MANAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Kierroksia ei ole vielä avattu");
    const bad = await a.post(MANAGE, { action: "openRound", opensOn: "2026-12-01", closesOn: "2026-11-01" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Sulkeutumispäivä ei voi olla ennen avautumispäivää");
    expect(bad.body).toContain('value="2026-12-01"');
    const ok = await a.post(MANAGE, { action: "openRound", opensOn: "2020-01-01", closesOn: "2099-12-31", anonymousLink: "yes" });
    expect(ok.statusCode).toBe(303);
    const rounds = await t.database.db.select().from(surveyRounds).where(eq(surveyRounds.projectId, projectId));
    expect(rounds).toHaveLength(1);
    expect(rounds[0]?.sequence).toBe(1);
    expect(rounds[0]?.anonymousToken).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "survey.round.open"));
    expect(audit).toHaveLength(1);
    expect((await a.get(MANAGE)).body).toContain("Alkukysely");
  });

  it("issues codes printed as cards with a QR code (SVG, no inline style) and refuses a bad size", async () => {
    const a = await login("east");
    expect((await a.post(MANAGE, { action: "issueCodes", size: "0" })).statusCode).toBe(400);
    expect((await a.post(MANAGE, { action: "issueCodes", size: "501" })).statusCode).toBe(400);
    const codes = await issueCodes(a, 4);
    expect(codes).toHaveLength(4);
    const stored = await t.database.db.select().from(surveyCodes).where(eq(surveyCodes.projectId, projectId));
    expect(stored.map((c) => c.code).sort()).toEqual([...codes].sort());
    const batch = (await a.get(MANAGE)).body.match(/kysely\/koodit\/([0-9a-f-]{36})/)?.[1];
    const cards = await a.get(`${MANAGE}/koodit/${batch}`);
    expect(cards.body).toContain("<svg");
    expect(cards.body).not.toMatch(/style=/);
    expect(cards.body).toContain(formatCode(codes[0] as string));
    expect((await a.get(`${MANAGE}/koodit/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await a.get(`${MANAGE}/koodit/nope`)).statusCode).toBe(404);
  });
});

describe("answering", () => {
  let codes: string[];
  beforeAll(async () => {
    codes = await issueCodes(await login("member"), 12);
  });

  it("the start page sends a good code to its form and explains a mistyped one", async () => {
    const a = new Agent(t.app);
    const good = await a.get(`/fi/kysely?code=${encodeURIComponent(formatCode(codes[0] as string).toLowerCase())}`);
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(`/fi/kysely/${codes[0]}`);
    const typo = `${(codes[0] as string).slice(0, 7)}${(codes[0] as string)[7] === "A" ? "C" : "A"}`;
    const bad = await a.get(`/fi/kysely?code=${typo}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Koodi ei ole oikein");
    expect((await a.get("/fi/kysely?code=")).body).toContain("Kirjoita kortissasi oleva koodi");
    expect((await a.get(`/fi/kysely/${typo}`)).statusCode).toBe(404);
    // A well-formed code that was never issued.
    expect((await a.get(`/fi/kysely/${generateCode()}`)).statusCode).toBe(404);
  });

  it("shows ten statements, each a fieldset with a legend and radios, in Swedish too, with no script", async () => {
    const a = new Agent(t.app);
    const fi = await a.get(`/fi/kysely/${codes[0]}`);
    expect(fi.statusCode).toBe(200);
    expect(fi.body.match(/<fieldset/g)?.length).toBe(14);
    expect(fi.body).toContain("Tunnen, että päivittäiset tekemiseni ovat merkityksellisiä.");
    expect(fi.body).not.toContain("<script");
    const sv = await a.get(`/sv/enkat/${codes[0]}`);
    expect(sv.body).toContain("Jag känner att det jag gör i vardagen är meningsfullt.");
    expect(sv.body).toContain("arbetsöversättning");
    const plain = await a.get(`/fi/kysely/${codes[0]}?selko=1`);
    expect(plain.body).toContain("Tässä kyselyssä on 10 lausetta.");
  });

  it("stores one answer per code with the date only, then answers a second try kindly", async () => {
    const a = new Agent(t.app);
    await a.get(`/fi/kysely/${codes[0]}`);
    const res = await a.post(`/fi/kysely/${codes[0]}`, {
      ...answers([4, 4, 3, 5, 4, 4, 3, 4, 5, 4]),
      gender: "noAnswer",
      withWorker: "yes",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/kysely-kiitos");
    const rows = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.code, codes[0] as string));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      answeredOn: today,
      source: "web",
      withWorker: true,
      language: "fi",
      background: { gender: "noAnswer" },
    });
    expect(rows[0]?.answers).toEqual([4, 4, 3, 5, 4, 4, 3, 4, 5, 4]);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(
      ["answeredOn", "answers", "background", "code", "id", "language", "roundId", "source", "withWorker"].sort(),
    );
    const again = await a.post(`/fi/kysely/${codes[0]}`, answers([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Olet jo vastannut");
    expect((await a.get(`/fi/kysely/${codes[0]}`)).body).toContain("Olet jo vastannut");
    expect(
      await t.database.db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.code, codes[0] as string)),
    ).toHaveLength(1);
  });

  it("a forged value or an extra field stores nothing and says so kindly; an empty form asks for an answer", async () => {
    const a = new Agent(t.app);
    await a.get(`/fi/kysely/${codes[1]}`);
    for (const body of [answers([4, 4, 3, 5, 9, 4, 3, 4, 5, 4]), { ...answers([4, 4, 3, 5, 4, 4, 3, 4, 5, 4]), email: "x@example.fi" }]) {
      const res = await a.post(`/fi/kysely/${codes[1]}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("Mitään ei tallennettu");
    }
    const empty = await a.post(`/fi/kysely/${codes[1]}`, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Vastaa ainakin yhteen väittämään");
    expect(
      await t.database.db
        .select()
        .from(surveyResponses)
        .where(eq(surveyResponses.code, codes[1] as string)),
    ).toHaveLength(0);
  });

  it("the anonymous link answers without a code", async () => {
    const [round] = await t.database.db.select().from(surveyRounds).where(eq(surveyRounds.projectId, projectId));
    const a = new Agent(t.app);
    const url = `/en/survey/open/${round?.anonymousToken}`;
    expect((await a.get(url)).body).toContain("You are answering without a code");
    expect((await a.post(url, answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]))).statusCode).toBe(303);
    expect((await a.get("/en/survey/open/AAAAAAAAAAAAAAAA")).statusCode).toBe(404);
  });

  it("results appear after five pairs and not before; a closed round says so", async () => {
    const member = await login("member");
    // Four more start answers (five in all), then a follow-up round.
    for (const c of codes.slice(2, 6)) await answerAs(c as string, [3, 3, 3, 3, 3, 3, 3, 3, 3, 2]);
    const before = await member.get(`${MANAGE}/tulokset`);
    expect(before.body).toContain("Pareja on vielä alle 5");
    await t.database.db.update(surveyRounds).set({ closesOn: "2020-12-31" }).where(eq(surveyRounds.projectId, projectId));
    const closed = await new Agent(t.app).get(`/fi/kysely/${codes[7]}`);
    expect(closed.body).toContain("Kysely on sulkeutunut");
    expect((await member.post(MANAGE, { action: "openRound", opensOn: "2021-01-01", closesOn: "2099-12-31" })).statusCode).toBe(303);
    const followUp = [codes[0], ...codes.slice(2, 5)];
    for (const c of followUp) await answerAs(c as string, [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const four = await member.get(`${MANAGE}/tulokset`);
    expect(four.body).toContain("Pareja on vielä alle 5");
    expect(four.body).not.toContain("t = ");
    const fourCsv = await member.get(`${MANAGE}/tulokset.csv`);
    expect(fourCsv.headers["content-type"]).toContain("text/csv");
    expect(fourCsv.body).toContain("Pareja (vastasi molempiin);piilotettu (alle 5)");
    await answerAs(codes[5] as string, [4, 4, 4, 4, 4, 4, 3, 4, 4, 4]);
    // The rounds table counts each round's answers: 6 at the start (5 with a code, 1 anonymous), 5 in the follow-up.
    const manage = await member.get(MANAGE);
    expect(manage.body).toMatch(/Alkukysely<\/th>(<td>[^<]*<\/td>){3}<td class="numeric">6<\/td>/);
    expect(manage.body).toMatch(/Seurantakysely 1<\/th>(<td>[^<]*<\/td>){3}<td class="numeric">5<\/td>/);
    const five = await member.get(`${MANAGE}/tulokset`);
    expect(five.statusCode).toBe(200);
    expect(five.body).not.toContain("Pareja on vielä alle 5");
    expect(five.body).toMatch(/Pareja \(vastasi molempiin\)<\/th><td>5</);
    expect(five.body).toContain("Wilcoxon");
    const csv = await member.get(`${MANAGE}/tulokset.csv`);
    expect(csv.body).toContain("Pareja (vastasi molempiin);5");
    expect(csv.body).toMatch(/Parittainen t-testi: vapausasteet;4/);
    const xlsx = await member.get(`${MANAGE}/tulokset.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    for (const key of ["viewer", "researcher", "otherMember"]) {
      expect((await (await login(key)).get(`${MANAGE}/tulokset.csv`)).statusCode, key).toBe(403);
    }
  });
});

describe("pooled results", () => {
  it("coordinators and ministry viewers read them; project members and researchers may not", async () => {
    expect((await new Agent(t.app).get("/fi/kyselytulokset")).statusCode).toBe(401);
    for (const key of ["member", "researcher"]) expect((await (await login(key)).get("/fi/kyselytulokset")).statusCode).toBe(403);
    const viewer = await login("viewer");
    const page = await viewer.get("/fi/kyselytulokset?group=area:east");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Joensuun kohtaamispaikka");
    expect((await viewer.get("/fi/kyselytulokset?group=area:nowhere")).statusCode).toBe(400);
    expect((await viewer.get("/fi/kyselytulokset?group=%00")).statusCode).toBe(400);
    const programme = await (await login("admin")).get("/fi/kyselytulokset?group=programme:esf-2014-2020-tl5");
    expect(programme.statusCode).toBe(200);
    const csv = await viewer.get("/fi/kyselytulokset.csv?group=area:east");
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Hanke: S28001 Joensuun kohtaamispaikka");
    expect((await viewer.get("/fi/kyselytulokset.xlsx?group=area:east")).statusCode).toBe(200);
    expect((await viewer.get("/fi/kyselytulokset.csv")).statusCode).toBe(400);
    expect((await (await login("member")).get("/fi/kyselytulokset.csv?group=area:east")).statusCode).toBe(403);
  });
});

describe("the researcher's item-level dataset", () => {
  it("only researchers download it; codes become identifiers random per export; every export is audit-logged", async () => {
    expect((await new Agent(t.app).get("/fi/kyselyaineisto")).statusCode).toBe(401);
    for (const key of ["viewer", "member", "admin", "east"]) {
      expect((await (await login(key)).get("/fi/kyselyaineisto.csv?group=area:east")).statusCode, key).toBe(403);
    }
    const researcher = await login("researcher");
    expect((await researcher.get("/fi/kyselyaineisto")).statusCode).toBe(200);
    const first = await researcher.get("/fi/kyselyaineisto.csv?group=area:east");
    expect(first.statusCode).toBe(200);
    const second = await researcher.get("/fi/kyselyaineisto.csv?group=area:east");
    const stored = await t.database.db.select({ code: surveyResponses.code }).from(surveyResponses);
    for (const { code } of stored) if (code) expect(first.body).not.toContain(code);
    const ids = (body: string) =>
      new Set(
        body
          .split("\r\n")
          .slice(1)
          .map((l) => l.split(";")[1])
          .filter(Boolean),
      );
    const a = ids(first.body);
    const b = ids(second.body);
    expect(a.size).toBeGreaterThan(0);
    expect([...a].some((id) => b.has(id))).toBe(false);
    // The same respondent keeps one identifier within one export (start and follow-up pair).
    const rows = first.body.split("\r\n").slice(1).filter(Boolean);
    const perId = new Map<string, number>();
    for (const r of rows) {
      const id = r.split(";")[1] as string;
      if (id) perId.set(id, (perId.get(id) ?? 0) + 1);
    }
    expect([...perId.values()].filter((n) => n === 2).length).toBeGreaterThanOrEqual(5);
    expect(first.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "survey.dataset.export"));
    expect(audit).toHaveLength(2);
  });
});

describe("survey administration", () => {
  it("only administrators; k never below 3 and applied at once; a version with answers is locked", async () => {
    for (const key of ["east", "viewer", "member", "researcher"])
      expect((await (await login(key)).get("/fi/hallinta/kysely")).statusCode, key).toBe(403);
    const admin = await login("admin");
    await admin.get("/fi/hallinta/kysely");
    const low = await admin.post("/fi/hallinta/kysely", { action: "setK", k: "2" });
    expect(low.statusCode).toBe(400);
    expect(low.body).toContain("Pienin sallittu on 3");
    expect((await admin.post("/fi/hallinta/kysely", { action: "setK", k: "6" })).statusCode).toBe(303);
    const member = await login("member");
    expect((await member.get(`${MANAGE}/tulokset`)).body).toContain("Pareja on vielä alle 6");
    expect((await admin.post("/fi/hallinta/kysely", { action: "setK", k: "5" })).statusCode).toBe(303);
    expect((await member.get(`${MANAGE}/tulokset`)).body).not.toContain("Pareja on vielä alle");

    const v1 = readFileSync(new URL("../../../data/instruments/esis-v1.json", import.meta.url), "utf8");
    expect((await admin.post("/fi/hallinta/kysely", { action: "loadInstrument", definition: "{" })).body).toContain(
      "ei ole kelvollista JSONia",
    );
    const invalid = await admin.post("/fi/hallinta/kysely", {
      action: "loadInstrument",
      definition: JSON.stringify({ ...JSON.parse(v1), scoring: { method: "mean-of-answered", minAnswered: 11 } }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain("scoring.minAnswered");
    const locked = await admin.post("/fi/hallinta/kysely", {
      action: "loadInstrument",
      definition: v1.replace("Täysin eri mieltä", "Eri mieltä"),
    });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain("Tällä versiolla on jo vastauksia");
    const v2 = JSON.parse(v1);
    v2.version = 2;
    v2.languages.sv.status = "official";
    expect((await admin.post("/fi/hallinta/kysely", { action: "loadInstrument", definition: JSON.stringify(v2) })).statusCode).toBe(303);
    const page = await admin.get("/fi/hallinta/kysely");
    expect(page.body).toContain("ei vastauksia, voidaan korvata");
    expect(page.body).toMatch(/lukittu \(\d+ vastausta\)/);
  });
});

describe("submission rate limit", () => {
  it("refuses a flood from one address with 429", async () => {
    const limited = await createTestApp({ RATE_LIMIT_SURVEY_MAX: "2" });
    try {
      const a = new Agent(limited.app);
      await a.get("/fi/kirjaudu"); // any page with a form gives the CSRF token
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await a.post(`/fi/kysely/${generateCode()}`, answers([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]))).statusCode);
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
