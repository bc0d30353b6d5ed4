import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { projectInput } from "./inputs.ts";
import { projectAreas, projectCoImplementers, projectStatusHistory, projects } from "./schema.ts";
import { saveProject } from "./service.ts";

let t: TestApp;
let actor: string;
beforeAll(async () => {
  t = await createTestApp();
  actor = (await createUser(t, "national_coordinator")).id;
});
afterAll(async () => t?.close());

/** A valid form body, as a browser would send it; tests override fields. */
function body(overrides: Record<string, unknown> = {}) {
  return {
    code: "S20064",
    programmeId: "esf-2014-2020-tl5",
    objectiveId: "esf-2014-2020-tl5:10.1",
    actionAreaId: "esf-2014-2020-tl5:weakest-labour-market",
    scope: "regional",
    funderId: "ely-4",
    nameFi: "Toimari",
    summaryFi: "Hankkeessa kehitetään työelämän ulkopuolella olevien toimintakykyä Etelä-Karjalassa.",
    maakuntaCodes: ["09"],
    lead: { name: "Etelä-Karjalan sosiaali- ja terveyden huollon ky", type: "municipality", businessId: "0725937-3" },
    plannedStart: "2015-01-01",
    plannedEnd: "2017-03-31",
    budgetTotal: "450000",
    publicFunding: "360000",
    targetGroupIds: ["long-term-unemployed", "partial-work-ability"],
    status: "running",
    statusChangedOn: "2015-01-01",
    ...overrides,
  };
}

function parse(b: Record<string, unknown>) {
  const r = projectInput.safeParse(b);
  if (!r.success) throw new Error(JSON.stringify(r.error.issues));
  return r.data;
}

describe("saving a project", () => {
  it("gives one of several simultaneous saves of the same new code the project, the others a field error (no 500)", async () => {
    const input = parse(body({ code: "S29999", nameFi: "Samanaikainen" }));
    const results = await Promise.all(Array.from({ length: 5 }, () => saveProject(t.database.db, actor, input, { today: "2026-11-25" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, errors: { code: "errors.projectCodeTaken" } });
    expect(await t.database.db.select().from(projects).where(eq(projects.code, "S29999"))).toHaveLength(1);
  });

  it("creates it with its derived area, organisation, status history and audit entry", async () => {
    const r = await saveProject(t.database.db, actor, parse(body()), { today: "2026-11-25" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [p] = await t.database.db.select().from(projects).where(eq(projects.id, r.id));
    expect(p).toMatchObject({ code: "S20064", status: "running", budgetTotal: 450000, publicFunding: 360000 });
    const areaRows = await t.database.db.select().from(projectAreas).where(eq(projectAreas.projectId, r.id));
    expect(areaRows.map((a) => a.areaId)).toEqual(["south"]); // Etelä-Karjala is in the South area
    const [org] = await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0725937-3"));
    expect(org?.type).toBe("municipality");
    const history = await t.database.db.select().from(projectStatusHistory).where(eq(projectStatusHistory.projectId, r.id));
    expect(history.map((h) => [h.status, h.changedOn])).toEqual([["running", "2015-01-01"]]);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, "project.create")));
    expect(audit).toHaveLength(1);
  });

  it("a national project belongs to every area and matches its organisations by business ID", async () => {
    const r = await saveProject(
      t.database.db,
      actor,
      parse(
        body({
          code: "S21994",
          nameFi: "Romaniportti",
          scope: "national",
          funderId: "stm",
          maakuntaCodes: [],
          lead: { name: "Helsingin Diakonissalaitoksen säätiö sr", type: "foundation", businessId: "0116480-8" },
          coImplementers: [{ name: "Etelä-Karjalan sote (other spelling)", type: "municipality", businessId: "0725937-3" }],
        }),
      ),
      { today: "2026-11-25" },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const areaRows = await t.database.db.select().from(projectAreas).where(eq(projectAreas.projectId, r.id));
    expect(areaRows.map((a) => a.areaId).sort()).toEqual(["central_west", "east", "north", "south"]);
    const co = await t.database.db.select().from(projectCoImplementers).where(eq(projectCoImplementers.projectId, r.id));
    const [matched] = await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0725937-3"));
    expect(co.map((c) => c.organisationId)).toEqual([matched?.id]);
    expect((await t.database.db.select().from(organisations).where(eq(organisations.businessId, "0725937-3"))).length).toBe(1);
  });

  it("a status change on update is kept with its date; the old one stays in the history", async () => {
    const first = await saveProject(t.database.db, actor, parse(body({ code: "S21015", nameFi: "TUKEE!" })), { today: "2026-11-25" });
    if (!first.ok) throw new Error("setup");
    const second = await saveProject(
      t.database.db,
      actor,
      parse(body({ code: "S21015", nameFi: "TUKEE!", status: "ended", statusChangedOn: "2020-05-31" })),
      {
        projectId: first.id,
        today: "2026-11-25",
      },
    );
    expect(second.ok).toBe(true);
    const history = await t.database.db.select().from(projectStatusHistory).where(eq(projectStatusHistory.projectId, first.id));
    expect(history.map((h) => [h.status, h.changedOn]).sort()).toEqual([
      ["ended", "2020-05-31"],
      ["running", "2015-01-01"],
    ]);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, first.id), eq(auditLog.action, "project.update")));
    expect(audit?.changes).toMatchObject({ status: { from: "running", to: "ended" } });
  });

  it("an update that changes nothing writes nothing (not even the audit entry) and says so", async () => {
    const input = parse(body({ code: "S22001", coImplementers: [{ name: "Diak", type: "university", businessId: "2299256-5" }] }));
    const first = await saveProject(t.database.db, actor, input, { today: "2026-11-25" });
    if (!first.ok) throw new Error("setup");
    expect(first).toMatchObject({ created: true, changed: true, changedFields: [] });
    const again = await saveProject(t.database.db, actor, input, { projectId: first.id, today: "2026-11-26" });
    expect(again).toEqual({ ok: true, id: first.id, code: "S22001", created: false, changed: false, changedFields: [] });
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, first.id));
    expect(entries.map((e) => e.action)).toEqual(["project.create"]);

    // A change of a relation alone (what it serves) is a change, and its derived area with it.
    const served = await saveProject(t.database.db, actor, parse(body({ code: "S22001", maakuntaCodes: ["17"] })), {
      projectId: first.id,
      today: "2026-11-26",
    });
    expect(served).toMatchObject({ ok: true, changed: true });
    expect(served.ok && served.changedFields.sort()).toEqual(["areas", "coImplementers", "maakuntaCodes"]);
  });

  it.each([
    [{ code: "S20064" }, "code", "errors.projectCodeTaken"],
    [{ code: "X12345" }, "code", "errors.projectCode"],
    [{ municipalityCodes: ["999"] }, "municipalityCodes", "errors.unknownMunicipality"],
    [{ actionAreaId: "other:youth" }, "actionAreaId", "errors.unknownChoice"],
    [{ funderId: "ely-1" }, "funderId", "errors.unknownChoice"],
    [{ targetGroupIds: ["aliens"] }, "targetGroupIds", "errors.unknownChoice"],
    [{ programmeId: "nope" }, "programmeId", "errors.unknownChoice"],
  ])("refuses %o with %s: %s and saves nothing", async (overrides, field, key) => {
    const before = (await t.database.db.select().from(projects)).length;
    const r = await saveProject(t.database.db, actor, parse(body({ code: "S29999", ...overrides })), { today: "2026-11-25" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field as keyof typeof r.errors]).toBe(key);
    expect((await t.database.db.select().from(projects)).length).toBe(before);
  });
});

describe("project input", () => {
  it.each([
    [{ plannedEnd: "2014-12-31" }, "plannedEnd", "errors.endBeforeStart"],
    [{ actualStart: "2016-01-01", actualEnd: "2015-01-01" }, "actualEnd", "errors.endBeforeStart"],
    [{ publicFunding: "500000" }, "publicFunding", "errors.publicOverTotal"],
    [{ budgetTotal: "-1" }, "budgetTotal", "errors.negative"],
    [{ budgetTotal: "2000000000" }, "budgetTotal", "errors.tooLarge"],
    [{ budgetTotal: "1e12" }, "budgetTotal", "errors.number"],
    [{ budgetTotal: "12,5" }, "budgetTotal", "errors.wholeNumber"],
    [{ budgetTotal: "lots" }, "budgetTotal", "errors.number"],
    [{ lead: { name: "X", type: "ngo", businessId: "0725937-4" } }, "lead", "errors.businessId"],
    [{ nameFi: "" }, "nameFi", "errors.nameFiRequired"],
    [{ summaryFi: "x".repeat(5001) }, "summaryFi", "errors.textTooLong"],
    [{ plannedStart: "2015-02-30" }, "plannedStart", "errors.date"],
    [{ website: "javascript:alert(1)" }, "website", "errors.url"],
    [{ scope: "local", maakuntaCodes: [] }, "municipalityCodes", "errors.servedRequired"],
    [{ nameFi: "a\u0000b" }, "nameFi", "errors.controlCharacters"],
  ])("refuses %o on %s", (overrides, field, key) => {
    const r = projectInput.safeParse(body(overrides));
    expect(r.success).toBe(false);
    if (!r.success) {
      const issue = r.error.issues.find((i) => i.path[0] === field);
      expect(issue?.message).toBe(key);
    }
  });

  it("normalises code, business ID and single values sent as strings", () => {
    const r = parse(
      body({ code: " s20064 ", targetGroupIds: "young-people", lead: { name: "Yhdistys", type: "ngo", businessId: " 112038-9" } }),
    );
    expect(r.code).toBe("S20064");
    expect(r.targetGroupIds).toEqual(["young-people"]);
    expect(r.lead.businessId).toBe("0112038-9");
    expect(parse(body({ budgetTotal: "1 250 000", publicFunding: "1\u00a0000\u00a0000" })).budgetTotal).toBe(1250000);
  });
});

describe("project input under random input", () => {
  it("never throws, whatever a form or an import sends", async () => {
    const fc = (await import("fast-check")).default;
    const value = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.integer(),
      fc.constant(""),
      fc.constant(null),
      fc.array(fc.string()),
      fc.object(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(body()), "coImplementers", "x"), value), fc.boolean(), (random, merge) => {
        const r = projectInput.safeParse(merge ? body(random) : random);
        expect(typeof r.success).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});
