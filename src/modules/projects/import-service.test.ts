import { and, asc, eq, inArray, like } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { type Column, REQUIRED_COLUMNS } from "./import-mapping.ts";
import { IMPORT_LIMITS, type ImportOptions, importProjects, loadSampleProjects } from "./import-service.ts";
import { projectInput } from "./inputs.ts";
import { findProjectByCode } from "./queries.ts";
import { projectImportRuns, projectStatusHistory, projects } from "./schema.ts";
import { searchParams, searchProjects } from "./search.ts";
import { saveProject } from "./service.ts";

let t: TestApp;
let actor: string;
beforeAll(async () => {
  t = await createTestApp();
  actor = (await createUser(t, "national_coordinator")).id;
});
afterAll(async () => t?.close());

const TODAY = "2026-11-25";
const db = () => t.database.db;

/** A valid row in the sample's format; tests change cells. */
function row(cells: Partial<Record<Column, string>> = {}): Record<string, string> {
  return {
    project_code: "S30001",
    project_name: "Kokeiluhanke",
    priority_axis: "5. Sosiaalinen osallisuus ja köyhyyden torjunta",
    specific_objective: "10.1. Työelämän ulkopuolella olevien työ- ja toimintakyvyn parantaminen",
    planned_start: "2016-01-01",
    planned_end: "2018-12-31",
    status_at_capture: "Toiminta päättynyt",
    responsible_authority: "Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus",
    beneficiary_name: "Oulun kaupunki",
    beneficiary_type: "Kunta",
    beneficiary_business_id: "0187690-1",
    beneficiary_city: "Oulu",
    ...cells,
  };
}

/** A CSV file of rows: the columns of the first row, `;` and CRLF as Finnish Excel writes them. */
function csv(rows: Record<string, string>[], options: { delimiter?: string; eol?: string; bom?: boolean } = {}): string {
  const d = options.delimiter ?? ";";
  const columns = Object.keys(rows[0] ?? row());
  const quote = (v: string) => (/[";,\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [columns.join(d), ...rows.map((r) => columns.map((c) => quote(r[c] ?? "")).join(d))];
  return `${options.bom ? "\ufeff" : ""}${lines.join(options.eol ?? "\r\n")}\r\n`;
}

const run = (text: string | Uint8Array, options: Partial<ImportOptions> = {}) =>
  importProjects(db(), typeof text === "string" ? Buffer.from(text) : text, {
    actorId: actor,
    fileName: "hankkeet.csv",
    mode: "all_or_nothing",
    today: TODAY,
    ...options,
  });

async function imported(text: string | Uint8Array, options: Partial<ImportOptions> = {}) {
  const r = await run(text, options);
  if (!r.ok) throw new Error(`file refused: ${JSON.stringify(r.problem)}`);
  return r;
}

const history = async (code: string) =>
  (await findProjectByCode(db(), code, "fi"))?.details?.history.map((h) => [h.status, h.changedOn]) ?? null;

describe("importing projects", () => {
  it("creates the rows of a file, and a second import of the same file changes nothing", async () => {
    const file = csv([
      row(),
      row({ project_code: "S30002", project_name: "Toinen", status_at_capture: "Toiminnassa", planned_end: "2027-12-31" }),
    ]);
    const first = await imported(file);
    expect(first.saved).toBe(true);
    expect(first.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.report.rows.map((r) => [r.row, r.code, r.outcome])).toEqual([
      [2, "S30001", "created"],
      [3, "S30002", "created"],
    ]);

    const details = (await findProjectByCode(db(), "S30001", "fi"))?.details;
    expect(details?.project).toMatchObject({
      nameFi: "Kokeiluhanke",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      funderId: "ely-13",
      scope: "regional",
      status: "ended",
      summaryFi: null,
      plannedStart: "2016-01-01",
      plannedEnd: "2018-12-31",
      isDemo: false,
    });
    expect(details?.municipalityCodes).toEqual(["564"]); // Oulu
    expect(details?.areaIds).toEqual(["north"]);
    expect(details?.lead).toMatchObject({ businessId: "0187690-1", type: "municipality" });
    // An ended project ran from its planned start and ended at its planned end.
    expect(await history("S30001")).toEqual([
      ["running", "2016-01-01"],
      ["ended", "2018-12-31"],
    ]);
    expect(await history("S30002")).toEqual([["running", "2016-01-01"]]);
    const warnings = first.report.rows[0]?.warnings.map((w) => w.key);
    expect(warnings).toEqual(["import.warnings.servedAreaAssumed", "import.warnings.summaryMissing"]);

    const ids = [details?.project.id ?? ""];
    const auditBefore = await db().select().from(auditLog).where(inArray(auditLog.entityId, ids));
    expect(auditBefore.map((a) => a.action)).toEqual(["project.create"]);
    const updatedAt = details?.project.updatedAt;

    const second = await imported(file);
    expect(second.saved).toBe(true);
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(await db().select().from(auditLog).where(inArray(auditLog.entityId, ids))).toHaveLength(1);
    expect((await findProjectByCode(db(), "S30001", "fi"))?.details?.project.updatedAt).toEqual(updatedAt);
    expect(await history("S30001")).toHaveLength(2);

    // Each run is stored with its report and audited.
    const runs = await db()
      .select()
      .from(projectImportRuns)
      .where(eq(projectImportRuns.id, second.runId ?? ""));
    expect(runs[0]).toMatchObject({ createdBy: actor, fileName: "hankkeet.csv", saved: true, unchangedCount: 2, createdCount: 0 });
    const runAudit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "projects.import"), eq(auditLog.entityId, second.runId ?? "")));
    expect(runAudit).toHaveLength(1);
  });

  it("updates only what the file says, keeps the rest, and dates a status change", async () => {
    await imported(csv([row({ project_code: "S30010", status_at_capture: "Toiminnassa" })]));
    // Someone completes the record in Sokra: a summary, a budget and target groups.
    const details = (await findProjectByCode(db(), "S30010", "fi"))?.details;
    const completed = projectInput.parse({
      code: "S30010",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:youth",
      scope: "regional",
      funderId: "ely-13",
      nameFi: "Kokeiluhanke",
      summaryFi: "Nuorten osallisuutta Oulussa.",
      municipalityCodes: ["564", "139"],
      lead: { name: "Oulun kaupunki", type: "municipality", businessId: "0187690-1" },
      plannedStart: "2016-01-01",
      plannedEnd: "2018-12-31",
      budgetTotal: "300000",
      targetGroupIds: ["young-people"],
      status: "running",
    });
    const saved = await saveProject(db(), actor, completed, { projectId: details?.project.id ?? "", today: TODAY });
    expect(saved.ok).toBe(true);

    const same = await imported(csv([row({ project_code: "S30010", status_at_capture: "Toiminnassa" })]));
    expect(same.counts.unchanged).toBe(1);

    const changed = await imported(csv([row({ project_code: "S30010", project_name: "Kokeiluhanke II", summary_fi: "" })]));
    expect(changed.counts).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(changed.report.rows[0]?.changedFields.sort()).toEqual(["nameFi", "status"]);
    const after = (await findProjectByCode(db(), "S30010", "fi"))?.details;
    expect(after?.project).toMatchObject({
      nameFi: "Kokeiluhanke II",
      status: "ended",
      summaryFi: "Nuorten osallisuutta Oulussa.",
      budgetTotal: 300000,
      actionAreaId: "esf-2014-2020-tl5:youth",
    });
    expect(after?.municipalityCodes.sort()).toEqual(["139", "564"]);
    expect(after?.targetGroupIds).toEqual(["young-people"]);
    expect(after?.history.at(-1)).toEqual({ status: "ended", changedOn: "2018-12-31" });
    const updates = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, after?.project.id ?? ""), eq(auditLog.action, "project.update")));
    expect(updates).toHaveLength(2); // the edit and this import
  });

  it("never moves a status back: an embedded project stays embedded, with a note", async () => {
    await imported(csv([row({ project_code: "S30015" })]));
    await db().update(projects).set({ status: "embedded" }).where(eq(projects.code, "S30015"));
    const r = await imported(csv([row({ project_code: "S30015", status_at_capture: "Toiminnassa" })]));
    expect(r.counts.unchanged).toBe(1);
    expect(r.report.rows[0]?.warnings.map((w) => w.key)).toContain("import.warnings.statusKept");
    expect((await findProjectByCode(db(), "S30015", "fi"))?.details?.project.status).toBe("embedded");
  });

  it("all or nothing: one rejected row saves no row, and the report says what would have happened", async () => {
    const file = csv([
      row({ project_code: "S30020" }),
      row({ project_code: "S30021", beneficiary_business_id: "0187690-2", planned_end: "2015-12-31" }),
    ]);
    const r = await imported(file);
    expect(r.saved).toBe(false);
    expect(r.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(r.report.rows[1]?.errors.map((e) => [e.column, e.key])).toEqual([
      ["planned_end", "errors.endBeforeStart"],
      ["beneficiary_business_id", "errors.businessId"],
    ]);
    expect(
      await db()
        .select()
        .from(projects)
        .where(inArray(projects.code, ["S30020", "S30021"])),
    ).toEqual([]);
    const [stored] = await db()
      .select()
      .from(projectImportRuns)
      .where(eq(projectImportRuns.id, r.runId ?? ""));
    expect(stored).toMatchObject({ saved: false, createdCount: 1, rejectedCount: 1, mode: "all_or_nothing" });
    // Nothing of the undone rows reached the audit log either; the run itself is audited.
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, r.runId ?? "")),
    ).toHaveLength(1);
  });

  it("skip rejected: saves the valid rows and reports the others", async () => {
    const file = csv([
      row({ project_code: "S30030" }),
      row({ project_code: "S30031", beneficiary_city: "Atlantis" }),
      row({ project_code: "S30032", project_name: "=cmd|' /C calc'!A0" }),
    ]);
    const r = await imported(file, { mode: "skip_rejected" });
    expect(r.saved).toBe(true);
    expect(r.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect((await db().select().from(projects).where(like(projects.code, "S3003%"))).map((p) => p.code)).toEqual(["S30030"]);
    expect(r.report.rows.map((x) => x.errors.map((e) => e.key))).toEqual([
      [],
      ["import.rowErrors.unknownMunicipality"],
      ["import.rowErrors.formula"],
    ]);
  });

  it("rejects every row of a project code that is in the file more than once", async () => {
    const r = await imported(csv([row({ project_code: "S30040" }), row({ project_code: "s30040" }), row({ project_code: "S30041" })]), {
      mode: "skip_rejected",
    });
    expect(r.report.rows.map((x) => [x.code, x.outcome])).toEqual([
      ["S30040", "rejected"],
      ["S30040", "rejected"],
      ["S30041", "created"],
    ]);
    expect(r.report.rows[0]?.errors[0]).toMatchObject({
      column: "project_code",
      key: "import.rowErrors.duplicateCode",
      params: { rows: "2, 3" },
    });
  });

  it("reads Windows-1252, UTF-8 with a byte-order mark, commas and semicolons alike", async () => {
    const cells = row({ project_code: "S30050", project_name: "Kärkäs Åbo – €", beneficiary_city: "Hämeenlinna" });
    const cp1252 = Buffer.from(csv([cells]).replace("–", "-"), "latin1");
    cp1252[cp1252.indexOf(Buffer.from("€", "latin1"))] = 0x80; // the euro sign of Windows-1252
    const first = await imported(cp1252);
    expect(first.report.encoding).toBe("windows-1252");
    expect(first.counts.created).toBe(1);
    expect((await findProjectByCode(db(), "S30050", "fi"))?.details?.project.nameFi).toBe("Kärkäs Åbo - €");

    const utf8Comma = await imported(csv([{ ...cells, project_name: "Kärkäs Åbo - €" }], { delimiter: ",", bom: true, eol: "\n" }));
    expect(utf8Comma.report).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(utf8Comma.counts.unchanged).toBe(1);
  });

  it("refuses a file without its required columns, an empty one and one over the row limit, storing nothing", async () => {
    const runsBefore = (await db().select().from(projectImportRuns)).length;
    const withoutCity = csv([row()]).replace(";beneficiary_city", "").replace(";Oulu\r\n", "\r\n");
    expect(await run(withoutCity)).toEqual({
      ok: false,
      problem: { key: "missingColumns", columns: ["beneficiary_city"], oneColumn: false },
    });
    expect(await run("")).toEqual({ ok: false, problem: { key: "empty" } });
    const tooMany = csv(
      Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => row({ project_code: `S4${String(i).padStart(4, "0")}` })),
    );
    expect(await run(tooMany)).toEqual({ ok: false, problem: { key: "tooManyRows", maxRows: IMPORT_LIMITS.maxRows } });
    expect((await db().select().from(projectImportRuns)).length).toBe(runsBefore);
  });

  it("reads the optional columns and ignores unknown ones with a note", async () => {
    const r = await imported(
      csv([
        {
          ...row({ project_code: "S30060" }),
          name_sv: "Försöksprojekt",
          summary_fi: "Kokeillaan uutta.",
          municipalities: "Oulu, Kempele; Liminka",
          contact_person: "Matti Meikäläinen",
        },
      ]),
    );
    expect(r.report.ignoredColumns).toEqual(["contact_person"]);
    expect(r.report.rows[0]?.warnings).toEqual([]);
    const details = (await findProjectByCode(db(), "S30060", "fi"))?.details;
    expect(details?.project).toMatchObject({ nameSv: "Försöksprojekt", summaryFi: "Kokeillaan uutta." });
    expect(details?.municipalityCodes.sort()).toEqual(["244", "425", "564"]);
  });

  it("makes a project the ministry funds national, in every area", async () => {
    await imported(csv([row({ project_code: "S30070", responsible_authority: "STM" })]));
    const details = (await findProjectByCode(db(), "S30070", "fi"))?.details;
    expect(details?.project.scope).toBe("national");
    expect(details?.municipalityCodes).toEqual([]);
    expect(details?.areaIds).toEqual(["central_west", "east", "north", "south"]);
  });

  it("matches the lead organisation by business ID and says when the file names it differently", async () => {
    const r = await imported(csv([row({ project_code: "S30080", beneficiary_name: "Oulun kaupunki, sivistyspalvelut" })]));
    expect(r.report.rows[0]?.warnings).toContainEqual({
      column: "beneficiary_name",
      key: "import.warnings.organisationMatched",
      params: { name: "Oulun kaupunki" },
    });
    expect(await db().select().from(organisations).where(eq(organisations.businessId, "0187690-1"))).toHaveLength(1);
  });

  it("rejects a code the programme does not accept, naming its column", async () => {
    const r = await imported(csv([row({ project_code: "X123" })]));
    expect(r.report.rows[0]?.errors).toEqual([{ column: "project_code", key: "errors.projectCode" }]);
  });

  it("never throws on random files: always a refusal or a report with one line per row", async () => {
    const good = row();
    const cell = (c: Column) => fc.oneof(fc.constant(good[c] ?? ""), fc.string({ maxLength: 12 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(...REQUIRED_COLUMNS.map(cell)), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(",", ";"),
        async (rows, delimiter) => {
          const text = csv(
            rows.map((cells) => Object.fromEntries(REQUIRED_COLUMNS.map((c, i) => [c, cells[i] ?? ""]))),
            { delimiter },
          );
          const r = await run(text, { mode: "skip_rejected" });
          if (r.ok) expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.report.rows.length);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("the shipped sample", () => {
  it("loads the three real projects once, as real ones, leaves edits alone, and they are found in the search", async () => {
    const first = await loadSampleProjects(db(), TODAY);
    expect(first.ok && first.counts).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.ok && first.runId).toBeNull(); // start-up loads are not stored as runs
    const samples = await db()
      .select()
      .from(projects)
      .where(inArray(projects.code, ["S20064", "S21015", "S21994"]))
      .orderBy(asc(projects.code));
    expect(samples.map((p) => [p.code, p.isDemo, p.status, p.funderId, p.scope])).toEqual([
      ["S20064", false, "ended", "ely-4", "regional"],
      ["S21015", false, "ended", "ely-10", "regional"],
      ["S21994", false, "running", "ely-10", "regional"],
    ]);

    // Someone records that Romaniportti has ended; the next start keeps that.
    const romaniportti = (await findProjectByCode(db(), "S21994", "fi"))?.details;
    expect(romaniportti?.history).toEqual([{ status: "running", changedOn: "2020-08-01" }]);
    await db().update(projects).set({ status: "ended" }).where(eq(projects.code, "S21994"));
    const again = await loadSampleProjects(db(), TODAY);
    expect(again.ok && again.counts).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect((await findProjectByCode(db(), "S21994", "fi"))?.details?.project.status).toBe("ended");
    expect(
      await db()
        .select()
        .from(projectStatusHistory)
        .where(eq(projectStatusHistory.projectId, romaniportti?.project.id ?? "")),
    ).toHaveLength(1);

    const found = await searchProjects(db(), searchParams.parse({ q: "Romaniportti" }), "fi");
    expect(found.hits[0]).toMatchObject({ code: "S21994", isDemo: false });
    const page = await t.app.inject("/fi/hankkeet/S20064");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Hankkeen julkista kuvausta ei ole vielä annettu.");
    expect(page.body).toContain('href="https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S20064"');
    const sv = await t.app.inject("/sv/projekt/S20064");
    expect(sv.body).toContain("Projektets offentliga beskrivning har inte getts ännu.");
  });
});
