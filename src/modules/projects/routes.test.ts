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

  it("redirects a lower-case code to the canonical address and gives 404 for unknown ones", async () => {
    const res = await t.app.inject("/fi/hankkeet/s21994");
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/fi/hankkeet/S21994");
    expect((await t.app.inject("/fi/hankkeet/S99999")).statusCode).toBe(404);
    expect((await t.app.inject("/fi/hankkeet/%27%3B--")).statusCode).toBe(404);
  });
});
