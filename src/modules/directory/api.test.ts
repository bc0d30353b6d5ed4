import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiProblems, schemaValidator } from "../../../tests/helpers/openapi.ts";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { ROLES } from "../accounts/roles.ts";
import { organisations } from "../organisations/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";
import type { Visibility } from "./schema.ts";
import { insertPerson } from "./service.ts";

let t: TestApp;
const ids: Record<string, string> = {};
const agents: [string, Agent][] = [];

const PEOPLE: Record<Visibility, { name: string; phone: string; email: string }> = {
  public: { name: "Aapo Avoin", phone: "+358402220001", email: "aapo@example.fi" },
  signed_in: { name: "Kaisa Kirjautunut", phone: "+358402220002", email: "kaisa@example.fi" },
  coordinators: { name: "Kerttu Koordinaattoreille", phone: "+358402220003", email: "kerttu@example.fi" },
};

type Json = Record<string, unknown>;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000", RATE_LIMIT_API_MAX: "100000" });
  const [org] = await t.database.db
    .insert(organisations)
    .values({
      nameFi: "Itä-Suomen Setlementti",
      nameSv: "Östra Finlands settlement",
      type: "ngo",
      businessId: "0116480-8",
      homeMunicipalityCode: "297",
    })
    .returning();
  ids.org = org?.id ?? "";
  await t.database.db.insert(organisations).values({ nameFi: "Lapin kaupunki", type: "municipality", businessId: "2229500-6" });
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code: "S92001",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
      scope: "regional",
      maakuntaCodes: ["11"],
      funderId: "stm",
      nameFi: "Setlementin polku",
      summaryFi: "Polku.",
      targetGroupIds: ["young-people"],
      lead: { name: "Itä-Suomen Setlementti", type: "ngo", businessId: "0116480-8" },
      plannedStart: "2020-01-01",
      plannedEnd: "2022-12-31",
      status: "running",
      statusChangedOn: "2020-01-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  for (const [visibility, p] of Object.entries(PEOPLE) as [Visibility, (typeof PEOPLE)["public"]][]) {
    ids[visibility] = await t.database.db.transaction((tx) =>
      insertPerson(
        tx,
        null,
        {
          name: p.name,
          title: "Koordinaattori",
          organisationId: ids.org ?? null,
          email: p.email,
          phone: p.phone,
          visibility,
          consentOn: "2026-01-01",
        },
        { area: { areaId: "east", role: "coordinator" } },
      ),
    );
  }
  agents.push(["anonymous", new Agent(t.app)]);
  for (const role of ROLES) {
    const u = await createUser(t, role, { email: `api-${role}@example.fi` });
    agents.push([role, await loginAgent(t, u.email)]);
  }
});
afterAll(async () => t?.close());

const hidden = [PEOPLE.signed_in, PEOPLE.coordinators];

describe("directory API: visibility × role", () => {
  // The API takes no session: whoever asks, with whatever cookie, gets what an anonymous visitor sees.
  it("every role, signed in or not, sees only the public person in every answer; hidden names, e-mails and phones never appear", async () => {
    for (const [who, agent] of agents) {
      for (const url of [
        "/api/v1/people",
        "/api/v1/people?area=east",
        "/api/v1/people?q=koordinaattori",
        `/api/v1/people?organisation=${ids.org}`,
        `/api/v1/organisations/${ids.org}`,
        `/api/v1/organisations/${ids.org}?lang=sv`,
        "/api/v1/organisations?q=setlementti",
      ]) {
        const res = await agent.get(url);
        expect(res.statusCode, `${who} ${url}`).toBe(200);
        for (const h of hidden) {
          expect(res.body, `${who} ${url}`).not.toContain(h.name);
          expect(res.body, `${who} ${url}`).not.toContain(h.phone);
          expect(res.body, `${who} ${url}`).not.toContain(h.email);
        }
        if (!url.includes("q=setlementti")) expect(res.body, `${who} ${url}`).toContain(PEOPLE.public.phone);
      }
      const list = (await agent.get("/api/v1/people")).json() as { total: number; items: Json[] };
      expect(list.total, who).toBe(1);
    }
  });

  it("lists the public person with organisation and area roles in the asked language", async () => {
    const res = await new Agent(t.app).get("/api/v1/people?lang=en");
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    const body = res.json() as { items: Json[] };
    expect(body.items[0]).toMatchObject({
      id: ids.public,
      name: "Aapo Avoin",
      email: "aapo@example.fi",
      phone: "+358402220001",
      organisation: { id: ids.org, name: "Itä-Suomen Setlementti" },
      areaRoles: [{ area: { id: "east", name: "Eastern Finland" }, role: { id: "coordinator", name: expect.any(String) } }],
      html: expect.stringContaining(`/en/network/people/${ids.public}`),
    });
  });
});

describe("directory API: organisations", () => {
  it("searches by name with typos, by business ID, type and municipality; pages", async () => {
    const a = new Agent(t.app);
    const typo = (await a.get("/api/v1/organisations?q=setlementi")).json() as { items: Json[]; total: number };
    expect(typo.items.map((o) => o.businessId)).toEqual(["0116480-8"]);
    expect(((await a.get("/api/v1/organisations?q=2229500-6")).json() as { total: number }).total).toBe(1);
    const byType = (await a.get("/api/v1/organisations?type=municipality")).json() as { items: Json[] };
    expect(byType.items.every((o) => (o.type as Json).id === "municipality")).toBe(true);
    const byMunicipality = (await a.get("/api/v1/organisations?municipality=297&lang=sv")).json() as { items: Json[] };
    expect(byMunicipality.items[0]).toMatchObject({
      homeMunicipality: { id: "297", name: "Kuopio" },
      name: { sv: "Östra Finlands settlement" },
    });
    const paged = (await a.get("/api/v1/organisations?pageSize=1&page=2")).json() as { items: Json[]; page: number; total: number };
    expect(paged.items).toHaveLength(1);
    expect(paged.page).toBe(2);
  });

  it("one organisation with its projects by role", async () => {
    const body = (await new Agent(t.app).get(`/api/v1/organisations/${ids.org}`)).json() as Json;
    expect(body.projects).toEqual([
      expect.objectContaining({ code: "S92001", role: { id: "lead", name: "Päätoteuttaja" }, plannedStart: "2020-01-01" }),
    ]);
    expect((body.people as Json[]).map((p) => p.name)).toEqual(["Aapo Avoin"]);
  });

  it("bad input: 400 with the parameter named; unknown id 404; never 500", async () => {
    const a = new Agent(t.app);
    for (const url of [
      "/api/v1/organisations?type=pirate",
      "/api/v1/organisations?municipality=1",
      "/api/v1/organisations?pageSize=1000",
      "/api/v1/organisations?nope=1",
      "/api/v1/people?organisation=x",
      "/api/v1/people?area=%00",
      "/api/v1/people?q=%07",
      "/api/v1/organisations/not-a-uuid",
    ]) {
      const res = await a.get(url);
      expect(res.statusCode, url).toBe(400);
      expect((res.json() as Json).error).toBe("bad_request");
    }
    const missing = await a.get("/api/v1/organisations/00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.constantFrom("q", "type", "area", "organisation", "page", "lang"), async (v, k) => {
        for (const path of ["/api/v1/people", "/api/v1/organisations"]) {
          const res = await a.get(`${path}?${k}=${encodeURIComponent(v)}`);
          expect([200, 400]).toContain(res.statusCode);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("is in the OpenAPI document, and the answers match its schemas", async () => {
    const doc = (await new Agent(t.app).get("/api/v1/openapi.json")).json() as Json & { paths: Record<string, Record<string, Json>> };
    expect(openApiProblems(doc)).toEqual([]);
    for (const [path, url] of [
      ["/api/v1/organisations", "/api/v1/organisations"],
      ["/api/v1/organisations/{id}", `/api/v1/organisations/${ids.org}`],
      ["/api/v1/people", "/api/v1/people"],
    ] as const) {
      const op = doc.paths[path]?.get as Json & { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
      expect(op, path).toBeDefined();
      const schema = op.responses["200"]?.content["application/json"]?.schema;
      const validate = schemaValidator(doc, schema);
      const body = (await new Agent(t.app).get(url)).json();
      expect(validate(body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
