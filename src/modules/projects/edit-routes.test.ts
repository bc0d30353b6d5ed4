import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { projectInput } from "./inputs.ts";
import { projectAreas, projectCoImplementers, projectMembers, projectStatusHistory, projects } from "./schema.ts";
import { saveProject } from "./service.ts";

let t: TestApp;
let eastProjectId: string;
const users: Record<string, { id: string; email: string }> = {};

/** A complete form as a browser sends it (flat field names, lists for checkboxes). */
function form(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    code: "S29001",
    programmeId: "esf-2014-2020-tl5",
    objectiveId: "esf-2014-2020-tl5:10.1",
    actionAreaId: "esf-2014-2020-tl5:youth",
    scope: "regional",
    funderId: "ely-7",
    status: "running",
    statusChangedOn: "2019-02-01",
    nameFi: "Nuorten polku",
    summaryFi: "Hanke tukee työn ja koulutuksen ulkopuolella olevia nuoria Kuopiossa.",
    nameSv: "",
    summarySv: "",
    municipalities: "Kuopio",
    leadName: "Kuopion kaupunki",
    leadType: "municipality",
    leadBusinessId: "0171450-7",
    coName_0: "Nuorten Ystävät ry",
    coType_0: "ngo",
    coBusinessId_0: "",
    coName_1: "",
    coType_1: "ngo",
    coBusinessId_1: "",
    plannedStart: "2019-02-01",
    plannedEnd: "2021-12-31",
    budgetTotal: "250 000",
    publicFunding: "200000",
    targetGroupIds: ["young-people"],
    participantsPlannedWomen: "40",
    website: "https://nuortenpolku.example.fi",
    contactEmail: "Polku@Example.fi",
    ...overrides,
  };
}

const postForm = (agent: Agent, url: string, body: Record<string, string | string[]>, csrf = true) => agent.post(url, body, { csrf });

const projectByCode = async (code: string) => (await t.database.db.select().from(projects).where(eq(projects.code, code)))[0];

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
      code: "S28001",
      programmeId: "esf-2014-2020-tl5",
      scope: "regional",
      nameFi: "Joensuun kohtaamispaikka",
      summaryFi: "Matalan kynnyksen kohtaamispaikka Joensuussa.",
      municipalityCodes: ["167"],
      lead: { name: "Joensuun seudun yhdistys ry", type: "ngo", businessId: "" },
      status: "planning",
      statusChangedOn: "2018-05-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  eastProjectId = r.id;
  await t.database.db.insert(projectMembers).values({ projectId: eastProjectId, userId: users.member?.id ?? "" });
});
afterAll(async () => t?.close());

const login = (key: string) => loginAgent(t, users[key]?.email ?? "");

describe("creating a project", () => {
  it("anonymous gets 401 and the roles without the right get 403", async () => {
    const anon = new Agent(t.app);
    expect((await anon.get("/fi/hankkeet/uusi")).statusCode).toBe(401);
    for (const key of ["member", "viewer", "researcher"]) {
      const a = await login(key);
      expect((await a.get("/fi/hankkeet/uusi")).statusCode).toBe(403);
      await a.get("/fi/hankkeet");
      expect((await postForm(a, "/fi/hankkeet/uusi", form({ code: "S29999" }))).statusCode).toBe(403);
    }
    expect(await projectByCode("S29999")).toBeUndefined();
  });

  it("a national coordinator creates a project: derived area, organisations, history, audit", async () => {
    const a = await login("national");
    const page = await a.get("/fi/hankkeet/uusi");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Uusi hanke</h1>");
    const res = await postForm(a, "/fi/hankkeet/uusi", form());
    expect(res.statusCode, /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0]).toBe(303);
    expect(res.headers.location).toBe("/fi/hankkeet/S29001?saved=1");
    const p = await projectByCode("S29001");
    expect(p).toMatchObject({ nameFi: "Nuorten polku", budgetTotal: 250000, contactEmail: "polku@example.fi", isDemo: false });
    const areas = await t.database.db
      .select()
      .from(projectAreas)
      .where(eq(projectAreas.projectId, p?.id ?? ""));
    expect(areas.map((x) => x.areaId)).toEqual(["east"]); // Kuopio is in Pohjois-Savo, East
    const co = await t.database.db
      .select()
      .from(projectCoImplementers)
      .where(eq(projectCoImplementers.projectId, p?.id ?? ""));
    expect(co).toHaveLength(1); // the empty second row is skipped
    const history = await t.database.db
      .select()
      .from(projectStatusHistory)
      .where(eq(projectStatusHistory.projectId, p?.id ?? ""));
    expect(history.map((h) => [h.status, h.changedOn])).toEqual([["running", "2019-02-01"]]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, p?.id ?? ""), eq(auditLog.action, "project.create")));
    expect(audit[0]?.actorUserId).toBe(users.national?.id);
    const shown = await a.get(res.headers.location as string);
    expect(shown.body).toContain("Hankkeen tiedot on tallennettu.");
    expect(shown.body).toContain("Muokkaa hanketta");
  });

  it("shows every error next to its field and in the summary, keeps what was typed, saves nothing", async () => {
    const a = await login("admin");
    await a.get("/sv/projekt/nytt");
    const res = await postForm(
      a,
      "/sv/projekt/nytt",
      form({
        code: "S29002",
        nameFi: "",
        summaryFi: "Kuvaus jää",
        municipalities: "Kuopio, Kuopioo, Narnia",
        leadBusinessId: "0171450-8",
        coBusinessId_0: "123",
        budgetTotal: "12,5",
        plannedEnd: "2018-01-01",
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain("Skriv projektets namn på finska");
    expect(res.body).toContain("Dessa kommuner kändes inte igen: Kuopioo, Narnia.");
    expect(res.body).toContain('href="#field-leadBusinessId"');
    expect(res.body).toContain('href="#field-coBusinessId_0"');
    expect(res.body).toContain('href="#field-budgetTotal"');
    expect(res.body).toContain('href="#field-plannedEnd"');
    expect(res.body).toContain(">Kuvaus jää</textarea>");
    expect(res.body).toContain(">Kuopio, Kuopioo, Narnia</textarea>");
    expect(await projectByCode("S29002")).toBeUndefined();
  });

  it("refuses a taken code and an unknown programme with field errors", async () => {
    const a = await login("admin");
    await a.get("/fi/hankkeet/uusi");
    const taken = await postForm(a, "/fi/hankkeet/uusi", form({ code: "S28001" }));
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Tällä koodilla on jo hanke");
    const unknown = await postForm(a, "/fi/hankkeet/uusi", form({ code: "S29003", programmeId: "nope" }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('href="#field-programmeId"');
  });

  it("an area coordinator creates in their own area only", async () => {
    const a = await login("east");
    await a.get("/fi/hankkeet/uusi");
    const outside = await postForm(a, "/fi/hankkeet/uusi", form({ code: "S29004", municipalities: "Helsinki" }));
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain("Hankkeen on toimittava omalla koordinaatioalueellasi");
    expect(await projectByCode("S29004")).toBeUndefined();
    const inside = await postForm(a, "/fi/hankkeet/uusi", form({ code: "S29004", municipalities: "joensuu" }));
    expect(inside.statusCode).toBe(303);
    expect(await projectByCode("S29004")).toBeDefined();
  });

  it("refuses a form without the CSRF token", async () => {
    const a = await login("admin");
    await a.get("/fi/hankkeet/uusi");
    const res = await postForm(a, "/fi/hankkeet/uusi", form({ code: "S29005" }), false);
    expect(res.statusCode).toBe(403);
    expect(await projectByCode("S29005")).toBeUndefined();
  });
});

describe("editing a project", () => {
  const edit = "/fi/hankkeet/S28001/muokkaa";

  it("is open to its coordinators and bound members, refused to others", async () => {
    expect((await new Agent(t.app).get(edit)).statusCode).toBe(401);
    for (const [key, status] of [
      ["admin", 200],
      ["national", 200],
      ["east", 200],
      ["member", 200],
      ["north", 403],
      ["otherMember", 403],
      ["viewer", 403],
      ["researcher", 403],
    ] as const) {
      const a = await login(key);
      expect((await a.get(edit)).statusCode, key).toBe(status);
    }
    const a = await login("admin");
    expect((await a.get("/fi/hankkeet/S99999/muokkaa")).statusCode).toBe(404);
    expect((await a.get("/fi/hankkeet/%3Cx%3E/muokkaa")).statusCode).toBe(404);
  });

  it("is filled with the saved values", async () => {
    const a = await login("east");
    const page = await a.get(edit);
    expect(page.body).toContain('value="Joensuun kohtaamispaikka"');
    expect(page.body).toContain(">Joensuu</textarea>");
    expect(page.body).toContain('value="Joensuun seudun yhdistys ry"');
  });

  it("a bound member saves the project but cannot change its code; the status change is dated", async () => {
    const a = await login("member");
    const page = await a.get(edit);
    expect(page.body).not.toContain('name="code"');
    const res = await postForm(
      a,
      edit,
      form({
        code: "S20000",
        nameFi: "Joensuun kohtaamispaikka 2.0",
        municipalities: "Joensuu, Lieksa",
        status: "running",
        statusChangedOn: "2019-01-15",
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/hankkeet/S28001?saved=1");
    const p = await projectByCode("S28001");
    expect(p?.nameFi).toBe("Joensuun kohtaamispaikka 2.0");
    expect(await projectByCode("S20000")).toBeUndefined();
    const history = await t.database.db.select().from(projectStatusHistory).where(eq(projectStatusHistory.projectId, eastProjectId));
    expect(history.map((h) => [h.status, h.changedOn]).sort()).toEqual([
      ["planning", "2018-05-01"],
      ["running", "2019-01-15"],
    ]);
  });

  it("a bound member may change municipalities within the area but not move the project to another area", async () => {
    const a = await login("member");
    await a.get(edit);
    const moved = await postForm(a, edit, form({ municipalities: "Oulu", status: "running" }));
    expect(moved.statusCode).toBe(400);
    expect(moved.body).toContain("Hanketoimija ei voi siirtää hanketta toiselle koordinaatioalueelle");
    const national = await postForm(a, edit, form({ scope: "national", municipalities: "", status: "running" }));
    expect(national.statusCode).toBe(400);
    const areas = await t.database.db.select().from(projectAreas).where(eq(projectAreas.projectId, eastProjectId));
    expect(areas.map((x) => x.areaId)).toEqual(["east"]);
    const within = await postForm(
      a,
      edit,
      form({ nameFi: "Joensuun kohtaamispaikka 2.0", municipalities: "Joensuu, Lieksa, Kuopio", status: "running" }),
    );
    expect(within.statusCode).toBe(303);
  });

  it("an area coordinator cannot move a project out of their area", async () => {
    const a = await login("east");
    await a.get(edit);
    const res = await postForm(a, edit, form({ code: "S28001", municipalities: "Oulu" }));
    expect(res.statusCode).toBe(400);
    const areas = await t.database.db.select().from(projectAreas).where(eq(projectAreas.projectId, eastProjectId));
    expect(areas.map((x) => x.areaId)).toEqual(["east"]);
  });

  it("refuses a POST from someone who may not edit", async () => {
    const a = await login("north");
    await a.get("/fi/hankkeet");
    expect((await postForm(a, edit, form({ code: "S28001", nameFi: "Kaapattu" }))).statusCode).toBe(403);
    expect((await projectByCode("S28001"))?.nameFi).not.toBe("Kaapattu");
  });
});

describe("project members", () => {
  const members = "/fi/hankkeet/S28001/jasenet";

  it("only the project's coordinators manage members", async () => {
    expect((await new Agent(t.app).get(members)).statusCode).toBe(401);
    for (const [key, status] of [
      ["admin", 200],
      ["national", 200],
      ["east", 200],
      ["north", 403],
      ["member", 403],
      ["viewer", 403],
    ] as const) {
      const a = await login(key);
      expect((await a.get(members)).statusCode, key).toBe(status);
    }
  });

  it("binds and removes a member, with clear errors for the wrong person", async () => {
    const a = await login("east");
    await a.get(members);
    for (const [email, message] of <[string, string][]>[
      // No account and an account of another role get the same answer: the form reveals no more.
      ["nobody@example.fi", "ei ole aktiivista hanketoimijan käyttäjätiliä"],
      [users.viewer?.email ?? "", "ei ole aktiivista hanketoimijan käyttäjätiliä"],
      [users.member?.email ?? "", "Henkilö on jo tämän hankkeen jäsen"],
      ["not an email", "Kirjoita sähköpostiosoite muodossa"],
    ]) {
      const res = await a.post(members, { email });
      expect(res.statusCode, email).toBe(400);
      expect(res.body).toContain(message);
    }
    const added = await a.post(members, { email: (users.otherMember?.email ?? "").toUpperCase() });
    expect(added.statusCode).toBe(303);
    const list = await a.get(added.headers.location as string);
    expect(list.body).toContain("Jäsen on liitetty hankkeeseen.");
    const other = await login("otherMember");
    expect((await other.get("/fi/oma-tili")).body).toContain("Joensuun kohtaamispaikka 2.0");
    expect((await other.get("/fi/hankkeet/S28001/muokkaa")).statusCode).toBe(200);

    const removed = await a.post(`${members}/${users.otherMember?.id}/poista`, {});
    expect(removed.statusCode).toBe(303);
    expect((await other.get("/fi/hankkeet/S28001/muokkaa")).statusCode).toBe(403);
    expect((await a.post(`${members}/${users.otherMember?.id}/poista`, {})).statusCode).toBe(404);
    expect((await a.post(`${members}/not-a-uuid/poista`, {})).statusCode).toBe(404);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, eastProjectId));
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(["project.member.add", "project.member.remove"]));
  });

  it("a member cannot bind others", async () => {
    const a = await login("member");
    await a.get("/fi/hankkeet");
    expect((await a.post(members, { email: users.otherMember?.email ?? "" })).statusCode).toBe(403);
  });
});

describe("random form input", () => {
  it("never answers 500 (fast-check)", async () => {
    const a = await login("admin");
    await a.get("/fi/hankkeet/uusi");
    const fields = Object.keys(form());
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...fields, "coName_49", "coName_50", "maakuntaCodes", "targetGroupIds", "x"),
          fc.oneof(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
        ),
        async (body) => {
          const res = await postForm(a, "/fi/hankkeet/uusi", { ...form({ code: "S29900" }), ...body });
          expect([303, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("control characters", () => {
  it("a NUL byte in any field is a field error, never a 500", async () => {
    const a = await login("admin");
    await a.get("/fi/hankkeet/uusi");
    for (const [field, value] of [
      ["programmeId", "esf-2014-2020-tl5\u0000"],
      ["maakuntaCodes", ["\u0000"]],
      ["targetGroupIds", ["young-people\u0000"]],
      ["website", "https://a.fi/\u0000"],
      ["code", "S2\u00009"],
      ["objectiveId", "\u0000"],
    ] as const) {
      const res = await postForm(a, "/fi/hankkeet/uusi", form({ code: "S29950", [field]: value as string | string[] }));
      expect(res.statusCode, field).toBe(400);
    }
    expect(await projectByCode("S29950")).toBeUndefined();
  });
});
