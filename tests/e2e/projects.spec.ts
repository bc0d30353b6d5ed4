import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { expectAccessible, LOCALES, pathTo, TEXT } from "./helpers.ts";

for (const locale of LOCALES) {
  const T = TEXT[locale];
  test(`search projects with text and facets, then open one (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("projects", locale));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.projects.search.title);
    const count = page.locator(".results-count");
    const all = await count.textContent();
    // The 560 demo projects and the 3 real sample projects, plus any that other journeys on this server have added.
    expect(Number(all?.replace(/\D/g, ""))).toBeGreaterThanOrEqual(563);
    await expectAccessible(page, info);

    // A facet narrows the result; the URL can be shared.
    await page.getByRole("checkbox", { name: new RegExp(`^${T.projects.status.embedded}`) }).check();
    await page.getByRole("button", { name: T.projects.search.submit, exact: true }).click();
    await expect(page).toHaveURL(/status=embedded/);
    await expect(count).not.toHaveText(all ?? "");
    await expect(page.getByRole("checkbox", { name: new RegExp(`^${T.projects.status.embedded}`) })).toBeChecked();

    // The filtered result downloads as a spreadsheet with one row per project.
    const shown = Number((await count.textContent())?.replace(/\D/g, ""));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: T.projects.export.xlsx }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.worksheets[0]?.rowCount).toBe(shown + 1);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).value).toBe(T.projects.fields.code);

    // Clear, then search words: Finnish stemming finds "vertaistuella" from "vertaistuki"-like words.
    await page.getByRole("link", { name: T.projects.search.clear }).click();
    await page.getByLabel(T.projects.search.q).fill(locale === "sv" ? "kamratstöd" : "vertaistuella");
    await page.getByRole("button", { name: T.projects.search.submit, exact: true }).click();
    await expect(count).not.toHaveText(all ?? "");
    await expectAccessible(page, info);

    const first = page.locator(".result-title a").first();
    const name = await first.textContent();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name ?? "");
    await expect(page.getByRole("main")).toContainText(T.projects.demo);
    await expect(page.getByRole("heading", { name: T.projects.historyTitle })).toBeVisible();
    await expectAccessible(page, info);
  });
}
