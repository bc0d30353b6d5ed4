import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { projectAreas, projects } from "../projects/schema.ts";
import { actionAreas, programmeFunders, programmes, specificObjectives, targetGroups } from "./schema.ts";

let t: TestApp;
let admin: Agent;

const esfPlus = {
  id: "esr-plus-2021-2027",
  nameFi: "ESR+ 2021–2027, toimintalinja 4: Osallisuus",
  nameSv: "ESF+ 2021–2027, prioritering 4: Delaktighet",
  nameEn: "ESF+ 2021–2027, priority 4: Inclusion",
  periodStart: "2021-01-01",
  periodEnd: "2029-12-31",
  regionalStructure: "esf-2026-funding-areas",
  projectCodePattern: "^S\\d{5}$",
  objectives:
    "4.3 | Aktiivinen osallisuus | Aktiv delaktighet | Active inclusion\n4.11 | Palvelujen saatavuus | Tillgång till tjänster | Access to services",
  actionAreas: "inclusion | Osallisuus | Delaktighet | Inclusion",
  funders: ["stm", "evk-1", "evk-5"],
};

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  const a = await createUser(t, "admin");
  admin = await loginAgent(t, a.email);
});
afterAll(async () => t?.close());

describe("programme administration", () => {
  it("is for administrators only", async () => {
    expect((await new Agent(t.app).get("/fi/hallinta/ohjelmat")).statusCode).toBe(401);
    for (const role of ["national_coordinator", "area_coordinator", "project_member", "ministry_viewer", "researcher"] as const) {
      const u = await createUser(t, role);
      const a = await loginAgent(t, u.email);
      expect((await a.get("/fi/hallinta/ohjelmat")).statusCode, role).toBe(403);
      expect((await a.get("/fi/hallinta/ohjelmat/uusi")).statusCode, role).toBe(403);
      expect((await a.post("/fi/hallinta/ohjelmat/uusi", { ...esfPlus, id: "x" })).statusCode, role).toBe(403);
      expect((await a.post("/fi/hallinta/kohderyhmat", { nameFi: "A", nameSv: "B", nameEn: "C" })).statusCode, role).toBe(403);
    }
    expect(await t.database.db.select().from(programmes).where(eq(programmes.id, "x"))).toEqual([]);
  });

  it("lists the programmes and target groups in each language", async () => {
    for (const [url, text] of [
      ["/fi/hallinta/ohjelmat", "ESR 2014–2020, toimintalinja 5"],
      ["/sv/administration/program", "ESF 2014–2020, prioriterat område 5"],
      ["/en/admin/programmes", "ESF 2014–2020, priority axis 5"],
    ] as const) {
      const res = await admin.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(text);
      expect(res.body).toContain("Pitkäaikaistyöttömät");
    }
  });

  it("refuses a bad programme with a message per field and saves nothing", async () => {
    await admin.get("/sv/administration/program/nytt");
    const res = await admin.post("/sv/administration/program/nytt", {
      ...esfPlus,
      id: "ESR Plus",
      nameSv: "",
      periodEnd: "2020-01-01",
      projectCodePattern: "^S(\\d{5}$",
      objectives: "4.3 | Aktiivinen osallisuus | Aktiv delaktighet\n4.3 | a | b | c\n4.3 | a | b | c",
      actionAreas: "",
      funders: [],
    });
    expect(res.statusCode).toBe(400);
    for (const field of ["id", "nameSv", "periodEnd", "projectCodePattern", "objectives", "actionAreas", "funders"]) {
      expect(res.body, field).toContain(`href="#field-${field}"`);
    }
    expect(res.body).toContain("rad 1: skriv fyra delar åtskilda med lodstreck");
    expect(res.body).toContain("rad 3: samma kod finns redan på en tidigare rad");
    expect(res.body).toContain(">4.3 | Aktiivinen osallisuus | Aktiv delaktighet\n");
    expect(await t.database.db.select().from(programmes)).toHaveLength(1);
  });

  it("gives one of two simultaneous additions of the same programme id the programme, the other a field error", async () => {
    const same = { ...esfPlus, id: "simultaneous-programme" };
    await admin.get("/fi/hallinta/ohjelmat/uusi");
    const results = await Promise.all([admin.post("/fi/hallinta/ohjelmat/uusi", same), admin.post("/fi/hallinta/ohjelmat/uusi", same)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 400]);
    expect(results.find((r) => r.statusCode === 400)?.body).toContain("Tällä tunnisteella on jo ohjelma");
  });

  it("gives one of two simultaneous additions of the same target group the group, the other a field error", async () => {
    await admin.get("/fi/hallinta/ohjelmat");
    const group = { nameFi: "Samanaikaiset", nameSv: "Samtidiga", nameEn: "Simultaneous" };
    const results = await Promise.all([admin.post("/fi/hallinta/kohderyhmat", group), admin.post("/fi/hallinta/kohderyhmat", group)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 400]);
  });

  it("adds ESF+ 2021–2027 without code changes, and projects can use it at once", async () => {
    await admin.get("/fi/hallinta/ohjelmat/uusi");
    const res = await admin.post("/fi/hallinta/ohjelmat/uusi", esfPlus);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/hallinta/ohjelmat?added=programme");
    expect((await admin.get(res.headers.location as string)).body).toContain("Ohjelma on lisätty.");
    const objectives = await t.database.db.select().from(specificObjectives).where(eq(specificObjectives.programmeId, esfPlus.id));
    expect(objectives.map((o) => o.id).sort()).toEqual(["esr-plus-2021-2027:4.11", "esr-plus-2021-2027:4.3"]);
    const areas = await t.database.db.select().from(actionAreas).where(eq(actionAreas.programmeId, esfPlus.id));
    expect(areas.map((a) => a.id)).toEqual(["esr-plus-2021-2027:inclusion"]);
    const fund = await t.database.db.select().from(programmeFunders).where(eq(programmeFunders.programmeId, esfPlus.id));
    expect(fund.map((f) => f.funderId).sort()).toEqual(["evk-1", "evk-5", "stm"]);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, esfPlus.id));
    expect(audit.map((a) => a.action)).toEqual(["programme.create"]);

    // The same id again is refused.
    await admin.get("/fi/hallinta/ohjelmat/uusi");
    const again = await admin.post("/fi/hallinta/ohjelmat/uusi", esfPlus);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Tällä tunnisteella on jo ohjelma");

    // The project form offers it; a project saved in it gets its area from the 2026 funding areas.
    const form = await admin.get("/fi/hankkeet/uusi");
    expect(form.body).toContain(esfPlus.nameFi);
    const saved = await admin.post("/fi/hankkeet/uusi", {
      code: "S30001",
      programmeId: esfPlus.id,
      objectiveId: "esr-plus-2021-2027:4.3",
      actionAreaId: "esr-plus-2021-2027:inclusion",
      scope: "regional",
      funderId: "evk-5",
      status: "running",
      nameFi: "Osallisuutta Kanta-Hämeessä",
      summaryFi: "Hanke vahvistaa osallisuutta Hämeenlinnassa.",
      municipalities: "Hämeenlinna",
      leadName: "Hämeenlinnan kaupunki",
      leadType: "municipality",
    });
    expect(saved.statusCode).toBe(303);
    const [p] = await t.database.db.select().from(projects).where(eq(projects.code, "S30001"));
    const derived = await t.database.db
      .select()
      .from(projectAreas)
      .where(eq(projectAreas.projectId, p?.id ?? ""));
    expect(derived.map((d) => d.areaId)).toHaveLength(1);
    expect(derived[0]?.areaId).toMatch(/^funding-2026-evk-/);
  });

  it("adds a target group, refuses a duplicate name and empty names", async () => {
    await admin.get("/en/admin/programmes");
    const res = await admin.post("/en/admin/target-groups", {
      nameFi: "Vapautuvat vangit ja heidän läheisensä",
      nameSv: "Frigivna fångar och deras närstående",
      nameEn: "Released prisoners and their families",
    });
    expect(res.statusCode).toBe(303);
    const [g] = await t.database.db.select().from(targetGroups).where(eq(targetGroups.id, "released-prisoners-and-their-families"));
    expect(g?.nameSv).toBe("Frigivna fångar och deras närstående");
    const all = await t.database.db.select().from(targetGroups);
    expect(g?.sortOrder).toBe(Math.max(...all.map((x) => x.sortOrder)));
    expect((await admin.get("/fi/hankkeet/uusi")).body).toContain("Vapautuvat vangit ja heidän läheisensä");

    const dup = await admin.post("/en/admin/target-groups", { nameFi: "pitkäaikaistyöttömät", nameSv: "x", nameEn: "y" });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain("A target group with this name is already on the list");
    const empty = await admin.post("/en/admin/target-groups", { nameFi: "", nameSv: "", nameEn: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#field-nameFi"');
    expect(await t.database.db.select().from(targetGroups)).toHaveLength(all.length);
  });

  it("refuses a project code format that could hang the server, and control characters", async () => {
    await admin.get("/fi/hallinta/ohjelmat/uusi");
    for (const extra of [
      { id: "redos", projectCodePattern: "^(A|A|A|A|A|A|A|A)*$" },
      { id: "nul-structure", regionalStructure: "x\u0000" },
      { id: "nul-funder", funders: ["\u0000"] },
    ]) {
      const res = await admin.post("/fi/hallinta/ohjelmat/uusi", { ...esfPlus, ...extra });
      expect(res.statusCode, extra.id).toBe(400);
    }
    expect(await t.database.db.select().from(programmes).where(eq(programmes.id, "redos"))).toEqual([]);
  });

  it("never answers 500 to random programme forms (fast-check)", async () => {
    await admin.get("/fi/hallinta/ohjelmat/uusi");
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...Object.keys(esfPlus), "x"),
          fc.oneof(fc.string({ maxLength: 60 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 })),
        ),
        async (body) => {
          const res = await admin.post("/fi/hallinta/ohjelmat/uusi", { ...esfPlus, id: "fuzz", ...body });
          expect([303, 400]).toContain(res.statusCode);
        },
      ),
      { numRuns: 60 },
    );
  });
});
