import { expect, test } from "@playwright/test";
import { E2E_ADMIN, expectAccessible, LOCALES, logIn, pathTo, TEXT } from "./helpers.ts";

for (const locale of LOCALES) {
  const T = TEXT[locale];
  const A = T.programmesAdmin;

  test(`an administrator adds a target group and a programme (${locale})`, async ({ page }, info) => {
    const tag = `${locale}-${info.project.name}`;
    await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(pathTo("adminUsers", locale));
    await page.getByRole("link", { name: T.admin.nav.programmes }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(A.title);
    await expectAccessible(page, info);

    // A target group: empty names are refused, then it is added and offered in the project form.
    await page.getByRole("button", { name: A.addTargetGroup }).click();
    await expect(page.getByRole("alert")).toBeFocused();
    await expectAccessible(page, info);
    await page.getByLabel(A.nameFi).fill(`Omaishoitajat ${tag}`);
    await page.getByLabel(A.nameSv).fill(`Närståendevårdare ${tag}`);
    await page.getByLabel(A.nameEn).fill(`Family carers ${tag}`);
    await page.getByRole("button", { name: A.addTargetGroup }).click();
    await expect(page.getByRole("status")).toHaveText(A.targetGroupAdded);
    await expect(page.getByRole("main")).toContainText(`Family carers ${tag}`);

    // A programme: a mistake on a line is named, then it is saved.
    await page.getByRole("link", { name: A.addProgramme }).click();
    await page.getByLabel(A.id).fill(`esr-plus-${tag}`);
    await page.getByLabel(A.nameFi).fill(`ESR+ 2021–2027 (${tag})`);
    await page.getByLabel(A.nameSv).fill(`ESF+ 2021–2027 (${tag})`);
    await page.getByLabel(A.nameEn).fill(`ESF+ 2021–2027 (${tag})`);
    await page.getByLabel(A.periodStart).fill("2021-01-01");
    await page.getByLabel(A.periodEnd).fill("2029-12-31");
    await page.getByLabel(A.regionalStructure).selectOption("esf-2026-funding-areas");
    await page.getByLabel(A.objectivesField).fill("4.3 | Aktiivinen osallisuus | Aktiv delaktighet");
    await page.getByLabel(A.actionAreasField).fill("inclusion | Osallisuus | Delaktighet | Inclusion");
    await page.locator('input[name="funders"]').first().check();
    await page.getByRole("button", { name: A.save }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.onLine.replace("{{line}}", "1").replace(": {{message}}", ""));
    await expectAccessible(page, info);
    await page.getByLabel(A.objectivesField).fill("4.3 | Aktiivinen osallisuus | Aktiv delaktighet | Active inclusion");
    await page.getByRole("button", { name: A.save }).click();
    await expect(page.getByRole("status")).toHaveText(A.programmeAdded);
    await expect(page.getByRole("main")).toContainText(`esr-plus-${tag}`);

    // Both are there for the next project.
    await page.goto(pathTo("projectNew", locale));
    await expect(page.getByLabel(T.projects.fields.programme)).toContainText(tag);
    await expect(page.getByRole("main")).toContainText(tag);
  });
}
