import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { projectInput } from "./inputs.ts";
import { saveProject } from "./service.ts";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code: "S21994",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
      scope: "national",
      funderId: "stm",
      nameFi: "Romaniportti",
      summaryFi: "Romanien osallisuutta ja työllistymistä tukeva hanke.",
      summarySv: "Ett projekt som stöder romers delaktighet och sysselsättning.",
      lead: { name: "Helsingin Diakonissalaitoksen säätiö sr", type: "foundation", businessId: "0116480-8" },
      plannedStart: "2020-08-01",
      plannedEnd: "2023-07-31",
      budgetTotal: "1200000",
      targetGroupIds: ["ethnic-minorities"],
      status: "running",
      statusChangedOn: "2020-08-01",
    }),
    { today: "2026-11-25", isDemo: true },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
});
afterAll(async () => t?.close());

describe("public project pages", () => {
  it.each([
    ["/fi/hankkeet", "Hankkeet", "1 hanke"],
    ["/sv/projekt", "Projekt", "1 projekt"],
    ["/en/projects", "Projects", "1 project"],
  ])("%s lists projects with facets, without login", async (url, h1, count) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${h1}</h1>`);
    expect(res.body).toContain(count);
    expect(res.body).toContain("Romaniportti");
    expect(res.body).not.toContain("<script");
  });

  it("filters with a shareable GET URL and keeps the choices checked", async () => {
    const res = await t.app.inject("/fi/hankkeet?q=romanien&status=running&area=east");
    expect(res.body).toContain("1 hanke");
    expect(res.body).toMatch(/name="status" value="running" checked/);
    expect(res.body).toContain('value="romanien"');
    const none = await t.app.inject("/fi/hankkeet?status=ended");
    expect(none.body).toContain("0 hanketta");
    expect(none.body).toContain("Haulla ei löytynyt hankkeita");
  });

  it("survives malformed query strings", async () => {
    for (const url of [
      "/fi/hankkeet?page=abc",
      "/fi/hankkeet?status=%00",
      `/fi/hankkeet?q=${"x".repeat(5000)}`,
      "/fi/hankkeet?sort[]=1&area[x]=2",
    ]) {
      expect((await t.app.inject(url)).statusCode, url).toBeLessThan(500);
    }
  });

  it("shows a project page with its details, demo mark and status history", async () => {
    const res = await t.app.inject("/en/projects/S21994");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 lang="fi">Romaniportti</h1>');
    expect(res.body).toContain("Demo data");
    expect(res.body).toContain("The whole country");
    expect(res.body).toContain("0116480-8");
    expect(res.body).toContain("€1,200,000");
    expect(res.body).toContain("1 August 2020");
    // No English summary: the Finnish one is shown, marked as Finnish.
    expect(res.body).toContain('<p class="lead" lang="fi">');
    const sv = await t.app.inject("/sv/projekt/S21994");
    expect(sv.body).toContain("Ett projekt som stöder romers delaktighet");
    expect(sv.body).toContain("1\u00a0200\u00a0000\u00a0€");
  });

  it("sets no cookie on an anonymous visitor's search and project pages (no form, no CSRF secret)", async () => {
    for (const url of ["/fi/hankkeet?q=romanien", "/sv/projekt/S21994", "/en/projects"]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["set-cookie"], url).toBeUndefined();
    }
    // A page with a form still gets its token and the cookie that goes with it.
    const login = await t.app.inject("/fi/kirjaudu");
    expect(String(login.headers["set-cookie"])).toContain("sokra_csrf=");
    expect(login.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it("redirects a lower-case code to the canonical address and gives 404 for unknown ones", async () => {
    const res = await t.app.inject("/fi/hankkeet/s21994");
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/fi/hankkeet/S21994");
    expect((await t.app.inject("/fi/hankkeet/S99999")).statusCode).toBe(404);
    expect((await t.app.inject("/fi/hankkeet/%27%3B--")).statusCode).toBe(404);
  });
});

describe("exports of the search result", () => {
  it("CSV opens in Finnish Excel: BOM, semicolons, translated headers, the filtered rows", async () => {
    const res = await t.app.inject("/fi/hankkeet.csv?status=running");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="sokra-projects-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body.startsWith("\ufeffHankekoodi;Nimi;Tila;")).toBe(true);
    const lines = res.body.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("S21994;Romaniportti;Käynnissä;");
    expect(lines[1]).toContain(";0116480-8;2020-08-01;2023-07-31;1200000;");
    const empty = await t.app.inject("/en/projects.csv?status=ended");
    expect(empty.body.trim().split("\r\n")).toHaveLength(1);
  });

  it("XLSX holds the same rows with numbers as numbers", async () => {
    const res = await t.app.inject("/sv/projekt.xlsx");
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("Projektkod");
    expect(sheet?.getRow(2).getCell(1).value).toBe("S21994");
    expect(sheet?.getRow(2).getCell(3).value).toBe("Pågående");
    expect(sheet?.getRow(2).getCell(12).value).toBe(1200000);
    expect(sheet?.rowCount).toBe(2);
  });

  it("never lets a cell run as a spreadsheet formula", async () => {
    const { projectsCsv } = await import("./export.ts");
    const { translator } = await import("../../web/i18n.ts");
    const { loadLabels } = await import("./labels.ts");
    const csv = projectsCsv(
      [
        {
          code: "S1",
          name: '=HYPERLINK("http://evil")',
          status: "running",
          actionAreaId: null,
          scope: "local",
          funderId: null,
          leadName: "+cmd",
          leadBusinessId: null,
          plannedStart: null,
          plannedEnd: null,
          budgetTotal: null,
          publicFunding: null,
          areaIds: [],
          targetGroupIds: [],
          isDemo: false,
        },
      ],
      translator("fi"),
      await loadLabels(t.database.db, "fi"),
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(";'+cmd;");
  });
});
