import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { ROLES, type Role } from "../accounts/roles.ts";
import type { Visibility } from "./schema.ts";
import { insertPerson } from "./service.ts";

let t: TestApp;
const agents: [string, Agent, Visibility[]][] = [];
const COORDINATORS: Role[] = ["admin", "national_coordinator", "area_coordinator"];

const PEOPLE: Record<Visibility, { name: string; phone: string }> = {
  public: { name: "Pirjo Pohjoinen", phone: "+358403330001" },
  signed_in: { name: "Sami Sisäinen", phone: "+358403330002" },
  coordinators: { name: "Kaija Kätketty", phone: "+358403330003" },
};

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  for (const [visibility, p] of Object.entries(PEOPLE) as [Visibility, (typeof PEOPLE)["public"]][]) {
    await t.database.db.transaction((tx) =>
      insertPerson(
        tx,
        null,
        {
          name: p.name,
          title: "Aluekoordinaattori",
          organisationId: null,
          email: null,
          phone: p.phone,
          visibility,
          consentOn: "2026-01-01",
        },
        { area: { areaId: "north", role: "coordinator" } },
      ),
    );
  }
  agents.push(["anonymous", new Agent(t.app), ["public"]]);
  for (const role of ROLES) {
    const u = await createUser(t, role, { email: `plan-${role}@example.fi` });
    agents.push([
      role,
      await loginAgent(t, u.email),
      COORDINATORS.includes(role) ? ["public", "signed_in", "coordinators"] : ["public", "signed_in"],
    ]);
  }
});
afterAll(async () => t?.close());

describe("planner pages", () => {
  it("the municipality form answers with the municipality's own address (works without JavaScript)", async () => {
    const a = new Agent(t.app);
    const start = await a.get("/fi/suunnittelijalle");
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain("Suunnitteletko hanketta?");
    expect(start.body).toContain('<option value="564">Oulu</option>');
    const res = await a.get("/fi/suunnittelijalle?municipality=564");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/suunnittelijalle/564");
    expect((await a.get("/sv/for-planerare?municipality=564")).headers.location).toBe("/sv/for-planerare/564");
  });

  it("shows the area derived from the municipality and its coordinators as far as each viewer may see them", async () => {
    for (const [who, agent, sees] of agents) {
      const res = await agent.get("/fi/suunnittelijalle/564");
      expect(res.statusCode, who).toBe(200);
      expect(res.body, who).toContain("Pohjois-Suomi");
      for (const [visibility, p] of Object.entries(PEOPLE) as [Visibility, (typeof PEOPLE)["public"]][]) {
        expect(res.body.includes(p.name), `${who} ${visibility}`).toBe(sees.includes(visibility));
        expect(res.body.includes(p.phone), `${who} ${visibility} phone`).toBe(sees.includes(visibility));
      }
    }
  });

  it("a municipality of another area shows that area and not these coordinators; Swedish and English pages", async () => {
    const res = await new Agent(t.app).get("/sv/for-planerare/091");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Södra Finland");
    expect(res.body).toContain("Helsingfors");
    expect(res.body).not.toContain("Pirjo Pohjoinen");
    expect((await new Agent(t.app).get("/en/planning-a-project/564")).body).toContain("Planning a project: Oulu");
  });

  it("the partner finder entry is a GET form to the partner finder with free text, target groups and action area", async () => {
    const res = await new Agent(t.app).get("/fi/suunnittelijalle/564");
    expect(res.body).toMatch(/<form method="get" action="\/fi\/kumppanihaku">/);
    expect(res.body).toContain('name="text"');
    expect(res.body).toContain('name="targetGroup"');
    expect(res.body).toContain('name="actionArea"');
    const found = await new Agent(t.app).get("/fi/kumppanihaku?text=nuorten+kuntoutus&targetGroup=young-people");
    expect(found.statusCode).toBe(200);
  });

  it("bad input: an unknown or malformed municipality is 404, a malformed choice shows the form; never 500", async () => {
    const a = new Agent(t.app);
    expect((await a.get("/fi/suunnittelijalle/999")).statusCode).toBe(404);
    expect((await a.get("/fi/suunnittelijalle/abc")).statusCode).toBe(404);
    expect((await a.get("/fi/suunnittelijalle?municipality=%00")).statusCode).toBe(200);
    expect((await a.get("/fi/suunnittelijalle?municipality[]=1")).statusCode).toBe(200);
  });
});
