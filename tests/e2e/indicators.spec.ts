import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN, expectAccessible, type L, LOCALES, logIn, pathTo, TEXT } from "./helpers.ts";

const DAY: Record<L, string> = { fi: "31.12.2019", sv: "31.12.2019", en: "2019-12-31" };
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ""));
const number = (s: string | null) =>
  Number(
    (s ?? "")
      .replace(/\s|\u00a0/g, "")
      .replace(",", ".")
      .replace("–", "NaN"),
  );

for (const locale of LOCALES) {
  const T = TEXT[locale].indicators;

  test(`indicators: look at the map, open an area profile and an indicator's trend (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("projects", locale));
    await page.getByRole("link", { name: T.navLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.title);

    // The map of the newest year, then the human dimension of 2016.
    await page.getByLabel(T.component, { exact: true }).selectOption("human");
    await page.getByLabel(T.year, { exact: true }).selectOption("2016");
    await page.getByRole("button", { name: T.show }).click();
    await expect(page).toHaveURL(/component=human/);
    const heading = fill(T.map.heading, { component: T.components.human, year: 2016 });
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page.getByRole("img", { name: fill(T.map.title, { component: T.components.human, year: 2016 }) })).toBeVisible();
    // The table beside the map: highest first.
    const table = page.getByRole("region", { name: fill(T.map.tableLabel, { component: T.components.human, year: 2016 }) });
    const values = (await table.locator("tbody td.num:last-child").allTextContents()).map(number);
    expect(values.length).toBe(18);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    await expectAccessible(page, info);

    // An area profile from the table, then the trend of one of its indicators.
    const first = table.locator("tbody th a").first();
    const name = (await first.textContent()) ?? "";
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fill(T.area.title, { name }));
    await expect(page.getByRole("region", { name: fill(T.area.indicatorsTable, { name }) })).toBeVisible();
    await expectAccessible(page, info);
    await page
      .getByRole("region", { name: fill(T.area.indicatorsTable, { name }) })
      .getByRole("link")
      .first()
      .click();
    await expect(page.getByRole("img", { name: /./ }).first()).toBeVisible();
    await expect(page.getByLabel(fill(T.trend.area, { n: 1 }), { exact: true })).toHaveValue(/\d+/);
    await expectAccessible(page, info);
  });

  test(`indicators: find regions where need is high and projects are few (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("indicators", locale));
    await page.getByRole("navigation", { name: T.nav.label }).getByRole("link", { name: T.nav.need }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.need.title);
    await page.getByLabel(T.need.date, { exact: true }).fill(DAY[locale]);
    await page.getByRole("button", { name: T.show }).click();
    await expect(page).toHaveURL(/date=/);
    const table = page
      .getByRole("region", { name: /./ })
      .filter({ has: page.locator("tbody") })
      .first();
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(18);
    // The demo programme had running projects at the end of 2019; each comparison is within this page.
    const projects = (await rows.locator("td:nth-of-type(2)").allTextContents()).map(number);
    expect(projects.some((n) => n > 0)).toBe(true);
    const coverage = (await rows.locator("td:nth-of-type(5)").allTextContents()).map(number).filter((n) => !Number.isNaN(n));
    expect([...coverage].sort((a, b) => a - b)).toEqual(coverage);
    await expectAccessible(page, info);

    // A wrong day is an error next to the field.
    await page.getByLabel(T.need.date, { exact: true }).fill("31.2.2019");
    await page.getByRole("button", { name: T.show }).click();
    await expect(page.locator(".error-summary")).toContainText(T.errors.badDate);
  });

  test(`indicators: an area profile by gender, with inclusion beside the index (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("indicatorArea", locale, { level: "kunta", code: "091" }));
    // Inclusion: beside the dimensions, never in the total; no data ships, and the page says so.
    await expect(page.getByRole("heading", { name: T.inclusion.heading })).toBeVisible();
    await expect(page.getByRole("region", { name: /./ }).filter({ hasText: T.inclusion.noDataYet }).first()).toBeVisible();
    await expect(page.getByText(T.inclusion.howToImport)).toBeVisible();
    await expectAccessible(page, info);
    // Women: no values in the shipped data, an honest message naming the genders that have some.
    await page.getByLabel(T.gender.label, { exact: true }).selectOption("female");
    await page.getByRole("button", { name: T.show }).click();
    await expect(page).toHaveURL(/gender=female/);
    await expect(page.getByText(fill(T.gender.noData, { gender: T.genders.female.toLocaleLowerCase(locale) }))).toBeVisible();
    await expect(page.getByLabel(T.gender.label, { exact: true })).toHaveValue("female");
    await expectAccessible(page, info);
    // Back to the total: the indicators are there again.
    await page.getByLabel(T.gender.label, { exact: true }).selectOption("total");
    await page.getByRole("button", { name: T.show }).click();
    await expect(
      page.getByRole("region", { name: fill(T.area.indicatorsTable, { name: locale === "sv" ? "Helsingfors" : "Helsinki" }) }),
    ).toBeVisible();
    // The trend of an indicator follows the gender too.
    await page.goto(`${pathTo("indicatorTrend", locale, { id: "hos-nuorisotyottomyys" })}?level=kunta`);
    await page.getByLabel(T.gender.label, { exact: true }).selectOption("male");
    await page.getByRole("button", { name: T.show }).click();
    await expect(page.getByText(fill(T.gender.noData, { gender: T.genders.male.toLocaleLowerCase(locale) }))).toBeVisible();
    await expectAccessible(page, info);
  });

  test(`indicators: rankings and the youth view (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("indicatorRankings", locale));
    await page.getByLabel(T.level, { exact: true }).selectOption("hyvinvointialue");
    await page.getByRole("button", { name: T.show }).click();
    await expect(page).toHaveURL(/level=hyvinvointialue/);
    await expect(page.getByRole("columnheader", { name: T.components.gini })).toBeVisible();
    await expectAccessible(page, info);
    await page.getByRole("navigation", { name: T.nav.label }).getByRole("link", { name: T.nav.youth }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.youth.title);
    await expect(page.getByRole("columnheader", { name: T.youth.mean })).toBeVisible();
    await expectAccessible(page, info);
  });
}

test("indicators: an administrator creates an index version", async ({ page }, info) => {
  const T = TEXT.fi.indicators;
  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("adminIndexVersions", "fi"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.admin.versionsTitle);
  await expectAccessible(page, info);
  const name = `E2E ${info.project.name} ${randomBytes(3).toString("hex")}`;
  await page.getByRole("button", { name: T.admin.create }).click();
  await expect(page.locator(".error-summary")).toContainText(T.errors.nameRequired);
  await page.getByLabel(T.admin.name, { exact: true }).fill(name);
  for (const label of ["Nuorisotyöttömyys", "Kodin ulkopuolelle sijoitetut 0 – 17-vuotiaat", "Täydentävä toimeentulotuki"]) {
    await page.getByLabel(new RegExp(`^${label}`)).check();
  }
  await page.getByRole("button", { name: T.admin.create }).click();
  await expect(page.getByRole("status")).toContainText(T.admin.notice.created);
  await expect(page.getByRole("rowheader", { name })).toBeVisible();
  await expectAccessible(page, info);
});

test("indicators: an administrator fetches the pinned indicators from Sotkanet", async ({ page }, info) => {
  const T = TEXT.fi.indicators;
  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("adminIndicatorImport", "fi"));
  await page.getByRole("link", { name: T.fetch.link }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.fetch.title);
  await expectAccessible(page, info);
  // A bad year: the error next to the field and in the summary, what was typed kept.
  await page.getByLabel(T.fetch.yearFrom, { exact: true }).fill("20x1");
  await page.getByRole("button", { name: T.fetch.submit }).click();
  await expect(page.locator(".error-summary")).toContainText(T.errors.badYear);
  await expect(page.getByLabel(T.fetch.yearFrom, { exact: true })).toHaveValue("20x1");
  await expectAccessible(page, info);
  // Then the fetch itself (a local stand-in for Sotkanet serves the stored answers): the run's report.
  await page.getByLabel(T.fetch.yearFrom, { exact: true }).fill("2021");
  await page.getByLabel(T.fetch.yearTo, { exact: true }).fill("2022");
  await page.getByLabel(TEXT.fi.indicators.genders.female, { exact: true }).check();
  await page.getByRole("button", { name: T.fetch.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.admin.runTitle);
  await expect(page.getByText(/data-127-2021-2022\.json/).first()).toBeVisible();
  await expectAccessible(page, info);
  // Alajärvi now has values for women: the area profile shows them.
  await page.goto(`${pathTo("indicatorArea", "fi", { level: "kunta", code: "005" })}?gender=female`);
  await expect(page.getByRole("region", { name: fill(T.area.indicatorsTable, { name: "Alajärvi" }) })).toContainText("4");
});
