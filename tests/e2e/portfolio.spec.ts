import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, type L, LOCALES, pathTo, TEXT } from "./helpers.ts";

const DATE: Record<L, string> = { fi: "31.1.2019", sv: "31.1.2019", en: "2019-01-31" };
const digits = (s: string | null) => Number((s ?? "").replace(/\D/g, ""));

/** The running count in the row of one area in the "by coordination area" table. */
async function areaRunning(page: Page, locale: L, area: string): Promise<number> {
  const T = TEXT[locale];
  const table = page.getByRole("region", { name: T.portfolio.tableCaption.replace("{{title}}", T.portfolio.by.area) });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: area, exact: true }) });
  return digits(await row.getByRole("cell").first().textContent());
}

for (const locale of LOCALES) {
  const T = TEXT[locale];
  test(`portfolio: pick a date and an area, read the numbers (${locale})`, async ({ page }, info) => {
    // From the project search to the statistics.
    await page.goto(pathTo("projects", locale));
    await page.getByRole("link", { name: T.portfolio.searchLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.portfolio.title);

    // A date: the demo programme had 135 running and 159 ended projects on 31.1.2019.
    await page.getByLabel(T.portfolio.date, { exact: true }).fill(DATE[locale]);
    await page.getByRole("button", { name: T.portfolio.submit }).click();
    await expect(page).toHaveURL(/date=/);
    // Exactly 135 and 159 from the demo data (the integration tests check that on both databases);
    // on this shared server the three real sample projects and other journeys' imports may add some.
    const figure = async (kind: "running" | "ended") =>
      Number(((await page.locator(`.key-figure--${kind} dd`).textContent()) ?? "").replace(/\D/g, ""));
    const running = await figure("running");
    expect(running).toBeGreaterThanOrEqual(135);
    expect(await figure("ended")).toBeGreaterThanOrEqual(159);
    await expect(page.getByRole("img", { name: T.portfolio.chartTitle.area.split("{{date}}")[0]?.trim() })).toBeVisible();
    const areaName = (await page.locator('#field-area option[value="east"]').textContent()) ?? "";
    const eastRunning = await areaRunning(page, locale, areaName);
    expect(eastRunning).toBeGreaterThan(0);
    expect(eastRunning).toBeLessThan(running);
    await expectAccessible(page, info);

    // Then an area: the totals become that area's numbers from the table, and the URL can be shared.
    await page.getByLabel(T.portfolio.area, { exact: true }).selectOption("east");
    await page.getByRole("button", { name: T.portfolio.submit }).click();
    await expect(page).toHaveURL(/area=east/);
    await expect(page.getByLabel(T.portfolio.area, { exact: true })).toHaveValue("east");
    // Other journeys run against the same server at the same time and may add a project between two
    // page loads: each comparison is within one page (the key figure is the area's row of the table).
    const eastAfter = await areaRunning(page, locale, areaName);
    expect(eastAfter).toBeGreaterThanOrEqual(eastRunning);
    expect(await figure("running")).toBe(eastAfter);
    const shared = page.url();
    await page.goto(shared);
    await expect(page.getByLabel(T.portfolio.area, { exact: true })).toHaveValue("east");
    expect(await figure("running")).toBe(await areaRunning(page, locale, areaName));

    // The trends by year are a chart with its table.
    await expect(page.getByRole("heading", { name: T.portfolio.trend.title })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "2019", exact: true })).toBeVisible();
    await expectAccessible(page, info);
  });

  test(`portfolio: a date that does not exist is an error in the form (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("portfolio", locale));
    await page.getByLabel(T.portfolio.date, { exact: true }).fill("31.2.2019");
    await page.getByRole("button", { name: T.portfolio.submit }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.date);
    await expect(page.getByRole("alert")).toBeFocused();
    await expect(page.getByLabel(T.portfolio.date, { exact: true })).toHaveValue("31.2.2019");
    await expect(page.locator(".key-figures")).toHaveCount(0);
    await expectAccessible(page, info);
    // The link in the summary leads to the field.
    await page.getByRole("alert").getByRole("link").click();
    await expect(page).toHaveURL(/#field-date$/);
  });
}
