import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import type { Role } from "../accounts/roles.ts";
import { auditLog } from "../audit/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";
import { organisationFormInput, personFormInput, personFormRaw } from "./manage-inputs.ts";
import { areaContacts, people, personProjectRoles } from "./schema.ts";

let t: TestApp;
const agents = new Map<Role, Agent>();
const MANAGERS: Role[] = ["admin", "national_coordinator", "area_coordinator"];
const REFUSED: Role[] = ["project_member", "ministry_viewer", "researcher"];
const userIds: Record<string, string> = {};

const ORG = {
  nameFi: "Pohjois-Savon Setlementti",
  nameSv: "Norra Savolax settlement",
  businessId: "0116480-8",
  type: "ngo",
  homeMunicipalityCode: "297",
  website: "https://setlementti.example.fi",
};

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code: "S91001",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
      scope: "regional",
      maakuntaCodes: ["11"],
      funderId: "stm",
      nameFi: "Polku töihin",
      summaryFi: "Työllistymisen polku nuorille.",
      targetGroupIds: ["young-people"],
      lead: { name: "Polku ry", type: "ngo", businessId: null },
      plannedStart: "2020-01-01",
      plannedEnd: "2022-12-31",
      status: "running",
      statusChangedOn: "2020-01-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  for (const role of [...MANAGERS, ...REFUSED]) {
    const u = await createUser(t, role, { email: `m-${role}@example.fi` });
    userIds[role] = u.id;
    agents.set(role, await loginAgent(t, u.email));
  }
  const linked = await createUser(t, "project_member", { email: "linked@example.fi" });
  userIds.linked = linked.id;
});
afterAll(async () => t?.close());

const as = (role: Role) => agents.get(role) as Agent;

describe("organisations by hand", () => {
  it("refuses anonymous visitors (401) and roles without the right (403)", async () => {
    expect((await new Agent(t.app).get("/fi/verkosto/organisaatiot/uusi")).statusCode).toBe(401);
    const anon = new Agent(t.app);
    await anon.get("/fi");
    // Without a session there is no CSRF token either: refused before anything is read.
    expect([401, 403]).toContain((await anon.post("/fi/verkosto/organisaatiot/uusi", ORG)).statusCode);
    for (const role of REFUSED) {
      expect((await as(role).get("/fi/verkosto/organisaatiot/uusi")).statusCode, role).toBe(403);
      await as(role).get("/fi");
      expect((await as(role).post("/fi/verkosto/organisaatiot/uusi", ORG)).statusCode, role).toBe(403);
    }
  });

  it("a coordinator creates an organisation (audited), a duplicate business ID is a field error that keeps the input", async () => {
    const agent = as("area_coordinator");
    const form = await agent.get("/fi/verkosto/organisaatiot/uusi");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Kuopio");
    const res = await agent.post("/fi/verkosto/organisaatiot/uusi", ORG);
    expect(res.statusCode).toBe(303);
    const page = await agent.get(res.headers.location as string);
    expect(page.body).toContain("Tiedot tallennettu");
    expect(page.body).toContain("Pohjois-Savon Setlementti");
    expect(page.body).toContain("Kuopio");
    const [org] = await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0116480-8"));
    expect(org?.nameSv).toBe("Norra Savolax settlement");
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, org?.id ?? ""), eq(auditLog.action, "organisation.create")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(userIds.area_coordinator);

    await agent.get("/fi/verkosto/organisaatiot/uusi");
    const dup = await agent.post("/fi/verkosto/organisaatiot/uusi", { ...ORG, nameFi: "Toinen yhdistys", businessId: "0116480 - 8" });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain("error-summary");
    expect(dup.body).toContain('href="#field-businessId"');
    expect(dup.body).toContain('value="Toinen yhdistys"');
    expect(await t.database.db.select().from(organisations).where(eq(organisations.nameFi, "Toinen yhdistys"))).toHaveLength(0);
  });

  it("bad input: every field error in the summary and next to its field, in Swedish too", async () => {
    const agent = as("national_coordinator");
    await agent.get("/sv/natverk/organisationer/ny");
    const res = await agent.post("/sv/natverk/organisationer/ny", {
      nameFi: "",
      businessId: "1234567-8",
      type: "pirate",
      homeMunicipalityCode: "x",
      website: "javascript:alert(1)",
    });
    expect(res.statusCode).toBe(400);
    for (const f of ["nameFi", "businessId", "type", "homeMunicipalityCode", "website"]) {
      expect(res.body, f).toContain(`href="#field-${f}"`);
      expect(res.body, f).toContain(`id="field-${f}-error"`);
    }
    const unknown = await agent.post("/sv/natverk/organisationer/ny", { nameFi: "X", type: "ngo", homeMunicipalityCode: "999" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('id="field-homeMunicipalityCode-error"');
  });

  it("two concurrent saves of the same business ID: one wins, the other gets the field error", async () => {
    const agent = as("admin");
    await agent.get("/fi/verkosto/organisaatiot/uusi");
    const both = await Promise.all([
      agent.post("/fi/verkosto/organisaatiot/uusi", { nameFi: "Kilpa A", type: "ngo", businessId: "2229500-6" }),
      agent.post("/fi/verkosto/organisaatiot/uusi", { nameFi: "Kilpa B", type: "ngo", businessId: "2229500-6" }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([303, 400]);
    expect(both.find((r) => r.statusCode === 400)?.body).toContain('href="#field-businessId"');
    expect(await t.database.db.select().from(organisations).where(eq(organisations.businessId, "2229500-6"))).toHaveLength(1);
  });

  it("edits an organisation; refused roles get 403, an unknown id 404; the page shows the edit link only to editors", async () => {
    const [org] = await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0116480-8"));
    const id = org?.id ?? "";
    for (const role of REFUSED) {
      expect((await as(role).get(`/fi/verkosto/organisaatiot/${id}/muokkaa`)).statusCode).toBe(403);
      const page = await as(role).get(`/fi/verkosto/organisaatiot/${id}`);
      expect(page.body).not.toContain("/muokkaa");
    }
    expect((await new Agent(t.app).get(`/fi/verkosto/organisaatiot/${id}/muokkaa`)).statusCode).toBe(401);
    expect((await as("admin").get("/fi/verkosto/organisaatiot/00000000-0000-4000-8000-000000000000/muokkaa")).statusCode).toBe(404);
    const agent = as("admin");
    expect((await agent.get(`/fi/verkosto/organisaatiot/${id}`)).body).toContain(`/fi/verkosto/organisaatiot/${id}/muokkaa`);
    const form = await agent.get(`/fi/verkosto/organisaatiot/${id}/muokkaa`);
    expect(form.body).toContain('value="0116480-8"');
    const res = await agent.post(`/fi/verkosto/organisaatiot/${id}/muokkaa`, { ...ORG, website: "https://uusi.example.fi" });
    expect(res.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(organisations).where(eq(organisations.id, id));
    expect(after?.website).toBe("https://uusi.example.fi");
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "organisation.update")));
    expect(audit[0]?.changes).toEqual({ website: { from: "https://setlementti.example.fi", to: "https://uusi.example.fi" } });
    // Saving its own business ID again is not a duplicate; taking another's is.
    expect((await agent.post(`/fi/verkosto/organisaatiot/${id}/muokkaa`, ORG)).statusCode).toBe(303);
    const taken = await agent.post(`/fi/verkosto/organisaatiot/${id}/muokkaa`, { ...ORG, businessId: "2229500-6" });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('id="field-businessId-error"');
  });
});

const PERSON = {
  name: "Veera Verkostoija",
  title: "Projektipäällikkö",
  organisationBusinessId: "0116480-8",
  email: "Veera@Example.fi",
  phone: "040 123 4567",
  visibility: "signed_in",
  consentOn: "2026-11-01",
  projectCode_0: "s91001",
  projectRole_0: "project_manager",
  areaRoles: ["east:coordinator"],
};

describe("people by hand", () => {
  it("refuses anonymous visitors and roles without the right", async () => {
    expect((await new Agent(t.app).get("/fi/verkosto/henkilot/uusi")).statusCode).toBe(401);
    for (const role of REFUSED) {
      expect((await as(role).get("/fi/verkosto/henkilot/uusi")).statusCode).toBe(403);
      await as(role).get("/fi");
      expect((await as(role).post("/fi/verkosto/henkilot/uusi", PERSON)).statusCode).toBe(403);
    }
  });

  it("an area coordinator adds a person with roles in their own area (one transaction, audited)", async () => {
    const agent = as("area_coordinator");
    const form = await agent.get("/fi/verkosto/henkilot/uusi");
    expect(form.body).toContain('value="east:coordinator"');
    expect(form.body).not.toContain('value="north:coordinator"');
    expect(form.body).not.toContain('name="accountEmail" type="email"');
    const res = await agent.post("/fi/verkosto/henkilot/uusi", PERSON);
    expect(res.statusCode).toBe(303);
    const [p] = await t.database.db.select().from(people).where(eq(people.name, "Veera Verkostoija"));
    expect(p).toMatchObject({
      email: "veera@example.fi",
      phone: "+358401234567",
      visibility: "signed_in",
      consentOn: "2026-11-01",
      userId: null,
    });
    expect(
      await t.database.db
        .select()
        .from(personProjectRoles)
        .where(eq(personProjectRoles.personId, p?.id ?? "")),
    ).toHaveLength(1);
    expect(
      await t.database.db
        .select()
        .from(areaContacts)
        .where(eq(areaContacts.personId, p?.id ?? "")),
    ).toEqual([{ areaId: "east", personId: p?.id, role: "coordinator" }]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, p?.id ?? ""), eq(auditLog.action, "person.create")));
    expect(audit).toHaveLength(1);
    // The new coordinator shows on the area page (signed-in visibility).
    expect((await agent.get("/fi/alueet/east")).body).toContain("Veera Verkostoija");
    const page = await agent.get(`/fi/verkosto/henkilot/${p?.id}`);
    expect(page.body).toContain('<a href="/fi/alueet/east">Itä-Suomi</a> – Alueellinen koordinaattori');
    expect(page.body).toContain("Polku töihin");
  });

  it("bad input keeps what was typed and names each field; nothing is saved", async () => {
    const agent = as("national_coordinator");
    await agent.get("/fi/verkosto/henkilot/uusi");
    const res = await agent.post("/fi/verkosto/henkilot/uusi", {
      name: "Väärä Tieto",
      email: "ei-sahkoposti",
      phone: "12",
      visibility: "everyone",
      consentOn: "2099-01-01",
      organisationBusinessId: "1234567-8",
      projectCode_0: "S00000",
      projectRole_0: "king",
      areaRoles: ["east:boss"],
    });
    expect(res.statusCode).toBe(400);
    for (const f of ["email", "phone", "visibility", "organisationBusinessId", "projectRole_0", "areaRoles"])
      expect(res.body, f).toContain(`href="#field-${f}"`);
    expect(res.body).toContain('value="Väärä Tieto"');
    // Semantic errors after the schema: consent in the future, unknown project and business ID.
    const second = await agent.post("/fi/verkosto/henkilot/uusi", {
      name: "Väärä Tieto",
      visibility: "public",
      consentOn: "2099-01-01",
    });
    expect(second.body).toContain('href="#field-consentOn"');
    const third = await agent.post("/fi/verkosto/henkilot/uusi", {
      name: "Väärä Tieto",
      visibility: "public",
      consentOn: "2026-01-01",
      organisationBusinessId: "2229500-6",
      projectCode_1: "S00000",
      projectRole_1: "worker",
    });
    expect(third.statusCode).toBe(400);
    expect(third.body).toContain('href="#field-projectCode_1"');
    expect(third.body).toContain('value="S00000"');
    expect(await t.database.db.select().from(people).where(eq(people.name, "Väärä Tieto"))).toHaveLength(0);
  });

  it("an area coordinator may not name coordinators of another area (field error)", async () => {
    const agent = as("area_coordinator");
    await agent.get("/fi/verkosto/henkilot/uusi");
    const res = await agent.post("/fi/verkosto/henkilot/uusi", { ...PERSON, name: "Toisen Alueen", areaRoles: ["north:coordinator"] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="field-areaRoles-error"');
  });

  it("only an administrator links an account; coordinators may not edit a linked entry (403)", async () => {
    const admin = as("admin");
    await admin.get("/fi/verkosto/henkilot/uusi");
    const created = await admin.post("/fi/verkosto/henkilot/uusi", {
      ...PERSON,
      name: "Linkitetty Henkilö",
      email: "",
      areaRoles: [],
      accountEmail: "linked@example.fi",
    });
    expect(created.statusCode).toBe(303);
    const [p] = await t.database.db.select().from(people).where(eq(people.name, "Linkitetty Henkilö"));
    expect(p?.userId).toBe(userIds.linked);
    for (const role of ["national_coordinator", "area_coordinator"] as Role[]) {
      expect((await as(role).get(`/fi/verkosto/henkilot/${p?.id}/muokkaa`)).statusCode).toBe(403);
      expect((await as(role).get(`/fi/verkosto/henkilot/${p?.id}`)).body).not.toContain("/muokkaa");
    }
    // Linking the same account to a second entry is refused.
    await admin.get("/fi/verkosto/henkilot/uusi");
    const twice = await admin.post("/fi/verkosto/henkilot/uusi", {
      ...PERSON,
      name: "Toinen",
      areaRoles: [],
      accountEmail: "linked@example.fi",
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('id="field-accountEmail-error"');
    // A coordinator's form has no account field; one sent anyway is ignored.
    const coord = as("national_coordinator");
    await coord.get("/fi/verkosto/henkilot/uusi");
    const forged = await coord.post("/fi/verkosto/henkilot/uusi", {
      ...PERSON,
      name: "Väärennys",
      areaRoles: [],
      accountEmail: "m-admin@example.fi",
    });
    expect(forged.statusCode).toBe(303);
    const [f] = await t.database.db.select().from(people).where(eq(people.name, "Väärennys"));
    expect(f?.userId).toBeNull();
  });

  it("edits a person: roles replaced, other areas' roles kept for an area coordinator, changes audited", async () => {
    const [p] = await t.database.db.select().from(people).where(eq(people.name, "Veera Verkostoija"));
    const id = p?.id ?? "";
    await t.database.db.insert(areaContacts).values({ areaId: "north", personId: id, role: "researcher" });
    const agent = as("area_coordinator");
    const form = await agent.get(`/fi/verkosto/henkilot/${id}/muokkaa`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="S91001"');
    expect(form.body).toContain('value="040 1234567"');
    const res = await agent.post(`/fi/verkosto/henkilot/${id}/muokkaa`, {
      ...PERSON,
      phone: "+46 8 123 456 78",
      projectCode_0: "S91001",
      projectRole_0: "steering_group",
      areaRoles: [],
    });
    expect(res.statusCode).toBe(303);
    const roles = await t.database.db.select().from(personProjectRoles).where(eq(personProjectRoles.personId, id));
    expect(roles.map((r) => r.role)).toEqual(["steering_group"]);
    const areaRoles = await t.database.db.select().from(areaContacts).where(eq(areaContacts.personId, id));
    expect(areaRoles).toEqual([{ areaId: "north", personId: id, role: "researcher" }]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "person.update")));
    expect(audit?.changes).toMatchObject({ phone: { from: "+358401234567", to: "+46812345678" } });
    for (const role of REFUSED) expect((await as(role).get(`/fi/verkosto/henkilot/${id}/muokkaa`)).statusCode).toBe(403);
    expect((await agent.get("/fi/verkosto/henkilot/not-a-uuid/muokkaa")).statusCode).toBe(404);
  });

  it("form pages render in Finnish, Swedish and English", async () => {
    for (const url of [
      "/fi/verkosto/henkilot/uusi",
      "/sv/natverk/personer/ny",
      "/en/network/people/new",
      "/en/network/organisations/new",
    ]) {
      const res = await as("admin").get(url);
      expect(res.statusCode, url).toBe(200);
    }
  });
});

describe("form handlers never fail on any input", () => {
  it("the schemas and the row reader accept or refuse, never throw", () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
    const body = fc.dictionary(
      fc.oneof(
        fc.constantFrom("name", "nameFi", "businessId", "type", "email", "phone", "visibility", "consentOn", "areaRoles", "website"),
        fc.constantFrom("projectCode_0", "projectRole_0", "projectCode_49", "projectRole_7"),
        fc.string(),
      ),
      value,
    );
    fc.assert(
      fc.property(body, (b) => {
        const raw = personFormRaw(b);
        const r = personFormInput.safeParse(raw);
        if (r.success) {
          expect(r.data.name.length).toBeGreaterThan(0);
          for (const a of r.data.areaRoles) expect(["coordinator", "researcher"]).toContain(a.role);
        }
        organisationFormInput.safeParse(b);
      }),
      { numRuns: 500 },
    );
  });

  it("the routes answer 303 or 400 to any form, never 500", async () => {
    const agent = as("admin");
    await agent.get("/fi/verkosto/henkilot/uusi");
    const field = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("", "040 123 4567", "0116480-8", "public", "2026-01-01", "ngo", "S91001"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: field,
          nameFi: field,
          businessId: field,
          type: field,
          visibility: field,
          consentOn: field,
          phone: field,
          projectCode_0: field,
        }),
        async (form) => {
          const a = await agent.post("/fi/verkosto/henkilot/uusi", form);
          expect([303, 400]).toContain(a.statusCode);
          const b = await agent.post("/fi/verkosto/organisaatiot/uusi", form);
          expect([303, 400]).toContain(b.statusCode);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("partner organisations of projects", () => {
  it("a partner is saved with its role and listed by role on the organisation and project pages and in the edit form", async () => {
    const r = await saveProject(
      t.database.db,
      null,
      projectInput.parse({
        code: "S91002",
        programmeId: "esf-2014-2020-tl5",
        objectiveId: "esf-2014-2020-tl5:10.1",
        actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
        scope: "regional",
        maakuntaCodes: ["11"],
        funderId: "stm",
        nameFi: "Kumppanuushanke",
        summaryFi: "Yhteistyötä yli rajojen.",
        targetGroupIds: ["young-people"],
        lead: { name: "Polku ry", type: "ngo", businessId: null },
        coImplementers: [
          { name: "Osatoteuttaja ry", type: "ngo", businessId: null },
          { name: "Pohjois-Savon Setlementti", type: "ngo", businessId: "0116480-8", role: "partner" },
        ],
        plannedStart: "2021-01-01",
        plannedEnd: "2023-12-31",
        status: "running",
        statusChangedOn: "2021-01-01",
      }),
      { today: "2026-11-25" },
    );
    expect(r.ok).toBe(true);
    const [org] = await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0116480-8"));
    const page = await new Agent(t.app).get(`/fi/verkosto/organisaatiot/${org?.id}`);
    expect(page.body).toMatch(/Kumppanuushanke<\/a><\/td><td>Kumppani<\/td><td>2021–2023/);
    const project = await new Agent(t.app).get("/fi/hankkeet/S91002");
    expect(project.body).toContain("Kumppanit");
    expect(project.body).toMatch(/Osatoteuttajat<\/dt><dd>Osatoteuttaja ry/);
    const form = await as("admin").get("/fi/hankkeet/S91002/muokkaa");
    expect(form.body).toMatch(/name="coRole_1"[\s\S]*?<option value="partner" selected>/);
    // The open API tells partners from co-implementers.
    const api = await new Agent(t.app).get("/api/v1/projects/S91002");
    expect(api.json().partners).toEqual([expect.objectContaining({ name: "Pohjois-Savon Setlementti" })]);
    expect(api.json().coImplementers).toEqual([expect.objectContaining({ name: "Osatoteuttaja ry" })]);
  });
});
