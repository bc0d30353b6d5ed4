import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPortfolioProjects } from "../../../tests/helpers/portfolio-projects.ts";
import { createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { DEMO_AS_OF, DEMO_ENDED_ON_AS_OF, DEMO_RUNNING_ON_AS_OF } from "./demo-data.ts";
import { seedDemoProjects } from "./demo-seed.ts";
import { countAsOf, type PortfolioProject, trendByYear } from "./portfolio.ts";
import { portfolioCounts, portfolioTrend } from "./portfolio-queries.ts";

/** The portfolio page on the demo programme (560 projects; 135 running and 159 ended on 31.1.2019). */
let t: TestApp;
let all: PortfolioProject[];
const TL5 = "esf-2014-2020-tl5";

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoProjects(t.database.db, "2026-11-25");
  all = await loadPortfolioProjects(t.database.db);
}, 180_000);
afterAll(async () => t?.close());

/** The numbers of one table row: the row header's text → the cells' texts. */
function tableRow(html: string, tableLabel: string, rowHeader: string): string[] {
  const table = html.slice(html.indexOf(`aria-label="${tableLabel}"`));
  const row = new RegExp(`<th scope="row">${rowHeader}</th>(.*?)</tr>`).exec(table.slice(0, table.indexOf("</table>")));
  if (!row?.[1]) throw new Error(`no row ${rowHeader} in ${tableLabel}`);
  return [...row[1].matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => (m[1] ?? "").replace(/\u00a0/g, " "));
}

describe("the demo programme in SQL", () => {
  it(`has ${DEMO_RUNNING_ON_AS_OF} running and ${DEMO_ENDED_ON_AS_OF} ended projects on ${DEMO_AS_OF}`, async () => {
    const c = await portfolioCounts(t.database.db, DEMO_AS_OF, { programme: null, area: null });
    expect(c.total).toEqual({ running: DEMO_RUNNING_ON_AS_OF, ended: DEMO_ENDED_ON_AS_OF });
    expect(c.actionArea.reduce((s, r) => s + r.running, 0)).toBe(DEMO_RUNNING_ON_AS_OF);
    expect(c.orgType.reduce((s, r) => s + r.ended, 0)).toBe(DEMO_ENDED_ON_AS_OF);
    // National projects are in all four areas, so the areas add up to more than the total.
    expect(c.area.reduce((s, r) => s + r.running, 0)).toBeGreaterThan(DEMO_RUNNING_ON_AS_OF);
  });

  it.each(["2015-06-30", "2016-12-31", "2018-12-31", DEMO_AS_OF, "2019-02-01", "2021-06-15", "2023-12-31", "2026-11-25"])(
    "agrees with the pure rule on %s, with and without filters",
    async (day) => {
      for (const filters of [
        { programme: null, area: null },
        { programme: TL5, area: "east" },
        { programme: null, area: "central_west" },
      ]) {
        expect(await portfolioCounts(t.database.db, day, filters)).toEqual(countAsOf(all, day, filters));
      }
    },
  );

  it("agrees with the pure rule on the trends", async () => {
    for (const filters of [
      { programme: null, area: null },
      { programme: TL5, area: "north" },
    ]) {
      const rows = await portfolioTrend(t.database.db, filters, 2026);
      expect(rows).toEqual(trendByYear(all, filters, 2026));
      expect(rows[0]?.year).toBe(2015);
      expect(rows.at(-1)?.year).toBe(2023);
    }
  });
});

describe("portfolio page", () => {
  it.each([
    ["/fi/hankesalkku", "Hankesalkku", "135 hanketta", "159 hanketta", "Tilanne 31. tammikuuta 2019"],
    ["/sv/projektportfolj", "Projektportfölj", "135 projekt", "159 projekt", "Läget 31 januari 2019"],
    ["/en/portfolio", "Project portfolio", "135 projects", "159 projects", "Situation on 31 January 2019"],
  ])("%s shows the counts on a chosen day, without login and without scripts", async (path, h1, running, ended, heading) => {
    const res = await t.app.inject(`${path}?date=2019-01-31`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${h1}</h1>`);
    expect(res.body).toContain(heading);
    expect(res.body).toMatch(new RegExp(`<dd>${running}</dd>[\\s\\S]*<dd>${ended}</dd>`));
    expect(res.body).not.toContain("<script");
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(res.body.match(/role="img"/g)).toHaveLength(5);
  });

  it("shows shares in the page's language, with the total row counting each project once", async () => {
    const c = await portfolioCounts(t.database.db, DEMO_AS_OF, { programme: null, area: null });
    const east = c.area.find((r) => r.value === "east");
    const share = new Intl.NumberFormat("fi-FI", { style: "percent", maximumFractionDigits: 1 });
    const res = await t.app.inject("/fi/hankesalkku?date=31.1.2019");
    expect(tableRow(res.body, "Koordinaatioalueittain: luvut", "Itä-Suomi")).toEqual([
      String(east?.running),
      share.format((east?.running ?? 0) / 135).replace(/\u00a0/g, " "),
      String(east?.ended),
      share.format((east?.ended ?? 0) / 159).replace(/\u00a0/g, " "),
    ]);
    expect(tableRow(res.body, "Koordinaatioalueittain: luvut", "Yhteensä")).toEqual(["135", "100 %", "159", "100 %"]);
    expect(res.body).toContain("Valtakunnallinen hanke lasketaan mukaan jokaisella koordinaatioalueella");
    const en = await t.app.inject("/en/portfolio?date=2019-01-31");
    expect(tableRow(en.body, "By coordination area: numbers", "Total")).toEqual(["135", "100%", "159", "100%"]);
  });

  it("filters by area and programme with a shareable GET URL, keeping the choices", async () => {
    const expected = countAsOf(all, DEMO_AS_OF, { programme: TL5, area: "east" });
    const res = await t.app.inject(`/fi/hankesalkku?date=2019-01-31&programme=${TL5}&area=east`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<dd>${expected.total.running} hanketta</dd>`);
    expect(res.body).toMatch(/<option value="east" selected/);
    expect(res.body).toMatch(new RegExp(`<option value="${TL5}" selected`));
    expect(res.body).toContain('value="2019-01-31"');
    expect(res.body).toContain("Rajaus: ESR 2014–2020");
    expect(tableRow(res.body, "Koordinaatioalueittain: luvut", "Itä-Suomi")[0]).toBe(String(expected.total.running));
    expect(res.body).not.toContain('<th scope="row">Etelä-Suomi</th>');
    // The language switch keeps the query.
    expect(res.body).toContain(`href="/sv/projektportfolj?date=2019-01-31&amp;programme=${TL5}&amp;area=east"`);
  });

  it("shows the year trends, which do not depend on the date", async () => {
    const a = await t.app.inject("/en/portfolio?date=2016-01-01");
    const b = await t.app.inject("/en/portfolio?date=2022-01-01");
    const trend = trendByYear(all, { programme: null, area: null }, new Date().getUTCFullYear());
    const y2019 = trend.find((r) => r.year === 2019);
    for (const res of [a, b]) {
      expect(tableRow(res.body, "Trends by year: numbers", "2019")).toEqual(
        [y2019?.runningAtYearEnd, y2019?.started, y2019?.ended].map(String),
      );
    }
  });

  it("says when nothing was running or ended, and still shows the trends", async () => {
    const res = await t.app.inject("/en/portfolio?date=2010-01-01");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("no project was running or had ended on the chosen day");
    expect(res.body).not.toContain('id="chart-area-heading"');
    expect(res.body).toContain("Trends by year");
  });

  it("defaults to today and marks the demo data", async () => {
    const res = await t.app.inject("/en/portfolio");
    expect(res.statusCode).toBe(200);
    const today = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date());
    expect(res.body).toContain(`Situation on ${today}`);
    expect(res.body).toContain("The figures include made-up demo data.");
  });

  it.each([
    ["date=31.2.2019", "field-date", "Anna päivämäärä muodossa vvvv-kk-pp"],
    ["date=yesterday", "field-date", "Anna päivämäärä muodossa vvvv-kk-pp"],
    ["date=2019-01-31&date=2019-02-01", "field-date", "Anna päivämäärä muodossa vvvv-kk-pp"],
    ["area=atlantis", "field-area", "Valitse jokin luettelon vaihtoehdoista"],
    ["programme=%27%3B--", "field-programme", "Valitse jokin luettelon vaihtoehdoista"],
    ["area=east&area=south", "field-area", "Valitse jokin luettelon vaihtoehdoista"],
  ])("answers bad input (%s) with 400 and the error in the form, keeping what was typed", async (query, field, message) => {
    const res = await t.app.inject(`/fi/hankesalkku?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain(`<a href="#${field}">${message}`);
    expect(res.body).toContain("<title>Virhe: Hankesalkku – Sokra</title>");
    expect(res.body).not.toContain("Tilanne ");
    if (query === "date=yesterday") expect(res.body).toContain('value="yesterday"');
  });

  it("never answers 500 to odd query strings", async () => {
    for (const q of ["date=%00", `date=${"9".repeat(5000)}`, "date[]=1", "programme=&area=&date=", "date=1.1.1899", "date=2019-01-31%20"]) {
      expect((await t.app.inject(`/en/portfolio?${q}`)).statusCode, q).toBeLessThan(500);
    }
  });

  it("is public: every role sees the same page", async () => {
    for (const role of ["admin", "area_coordinator", "project_member", "ministry_viewer"] as const) {
      const user = await createUser(t, role);
      const agent = await loginAgent(t, user.email);
      const res = await agent.get("/en/portfolio?date=2019-01-31");
      expect(res.statusCode, role).toBe(200);
      expect(res.body).toContain("<dd>135 projects</dd>");
    }
  });

  it("is linked from the search page and the site navigation", async () => {
    const res = await t.app.inject("/sv/projekt");
    expect(res.body).toContain('<a href="/sv/projektportfolj">Statistik över projektportföljen');
    expect(res.body).toContain('<a href="/sv/projektportfolj">Projektportfölj</a>');
  });
});
