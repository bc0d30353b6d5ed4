import { randomInt } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { businessIdCheckDigit } from "../../src/modules/projects/business-id.ts";
import { E2E_ADMIN, expectAccessible, type L, LOCALES, logIn, pathTo, TEXT, uniqueEmail } from "./helpers.ts";

/** A valid business ID no other run uses (both projects, JavaScript on and off, share one server). */
function randomBusinessId(): string {
  for (;;) {
    const body = String(randomInt(1_000_000, 9_999_999));
    const check = businessIdCheckDigit(body);
    if (check !== null) return `${body}-${check}`;
  }
}

/** The code of a demo project of Eastern Finland (maakunta 11). */
async function demoProjectCode(page: Page, locale: L): Promise<string> {
  await page.goto(`${pathTo("projects", locale)}?maakunta=11`);
  const href = (await page.locator("ol.results li.result h2 a").first().getAttribute("href")) ?? "";
  return decodeURIComponent(href.split("/").pop() ?? "");
}

for (const locale of ["fi", "en"] as L[]) {
  const T = TEXT[locale];
  const D = T.directory;
  const M = D.manage;

  test(`a coordinator adds and edits an organisation and a person by hand (${locale})`, async ({ page }, info) => {
    test.slow();
    const businessId = randomBusinessId();
    const orgName = `Käsin lisätty yhdistys ${businessId}`;
    await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
    const code = await demoProjectCode(page, locale);

    await page.goto(pathTo("directory", locale));
    await page.getByRole("link", { name: M.addOrganisation }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(M.newOrganisation);
    await expectAccessible(page, info);
    // Bad input: the summary names each field, what was typed stays.
    await page.getByLabel(M.nameFi).fill(orgName);
    await page.getByLabel(T.projects.businessId).fill("1234567-8");
    await page.getByLabel(M.website).fill("ftp://x");
    await page.getByRole("button", { name: M.save }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(T.errors.businessId);
    await expect(alert).toContainText(T.errors.organisationType);
    await expect(alert).toContainText(T.errors.url);
    await expect(page.getByLabel(M.nameFi)).toHaveValue(orgName);
    await expectAccessible(page, info);
    await page.getByLabel(T.projects.businessId).fill(businessId);
    await page.getByLabel(D.fields.type).selectOption({ value: "ngo" });
    await page.getByLabel(D.fields.homeMunicipality).selectOption({ value: "297" });
    await page.getByLabel(M.website).fill("https://yhdistys.example.fi");
    await page.getByRole("button", { name: M.save }).click();
    await expect(page.getByRole("status")).toContainText(M.saved);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(orgName);
    await expect(page.locator("main")).toContainText("Kuopio");
    await expectAccessible(page, info);

    // The same business ID again is refused at the field.
    await page.goto(pathTo("organisationNew", locale));
    await page.getByLabel(M.nameFi).fill("Kaksoisolento");
    await page.getByLabel(T.projects.businessId).fill(businessId);
    await page.getByLabel(D.fields.type).selectOption({ value: "ngo" });
    await page.getByRole("button", { name: M.save }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.businessIdTaken);

    // A person of that organisation, with a role in a project and in an area.
    const name = `Henna Henkilö ${businessId}`;
    await page.goto(pathTo("personNew", locale));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(M.newPerson);
    await page.getByLabel(D.fields.name, { exact: true }).fill(name);
    await page.getByLabel(D.fields.organisationBusinessId).fill(businessId);
    await page.getByLabel(D.fields.email, { exact: true }).fill(uniqueEmail("henna"));
    await page.getByLabel(D.fields.phone).fill("12");
    await page.getByLabel(M.visibility).selectOption({ value: "public" });
    await page.getByLabel(M.projectCode).first().fill(code);
    await page.getByLabel(M.role, { exact: true }).first().selectOption({ value: "project_manager" });
    await page.getByRole("button", { name: M.save }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.phoneInvalid);
    await expect(page.getByLabel(M.projectCode).first()).toHaveValue(code);
    await expectAccessible(page, info);
    await page.getByLabel(D.fields.phone).fill("+46 8 123 456 78");
    await page.getByRole("button", { name: M.save }).click();
    await expect(page.getByRole("status")).toContainText(M.saved);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.locator("main")).toContainText("+46812345678");
    await expect(page.locator("main")).toContainText(D.projectRoles.project_manager);

    // Edit: the role changes, the organisation page lists the person.
    await page.getByRole("link", { name: M.edit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(M.editPerson);
    await page.getByLabel(M.role, { exact: true }).first().selectOption({ value: "steering_group" });
    await page.getByRole("button", { name: M.save }).click();
    await expect(page.locator("main")).toContainText(D.projectRoles.steering_group);
    await page.getByRole("link", { name: D.person.organisationLink }).click();
    await expect(page.locator("main")).toContainText(name);
  });
}

for (const locale of LOCALES) {
  const T = TEXT[locale];
  const P = T.directory.planning;

  test(`a planner finds the regional coordinator and partner projects (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("directory", locale));
    await page.getByRole("link", { name: P.link }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(P.title);
    await expectAccessible(page, info);
    await page.getByLabel(P.municipality).selectOption({ value: "297" });
    await page.getByRole("button", { name: P.show }).click();
    await expect(page).toHaveURL(new RegExp(`${pathTo("planningArea", locale, { municipality: "297" })}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Kuopio");
    await expect(page.getByRole("heading", { level: 2, name: T.directory.coordinators.title })).toBeVisible();
    await expect(page.locator(".area-contacts .person-card").first()).toBeVisible();
    await expectAccessible(page, info);
    await page.getByLabel(T.directory.partners.text).fill("Nuorten kuntoutus ja vertaistuki työpajoissa");
    await page.getByRole("button", { name: T.directory.partners.submit }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.directory.partners.title);
    await expect(page.locator("ol.results li.result").first()).toBeVisible();
    await expect(page.locator("ol.results li.result .why").first()).toContainText(T.directory.partners.why);
  });
}

test("an administrator imports organisations from CSV and reads the row-by-row report (fi)", async ({ page }, info) => {
  const T = TEXT.fi;
  const I = T.directory.import;
  const [a, b] = [randomBusinessId(), randomBusinessId()];
  const csv = [
    "name_fi;name_sv;business_id;type;home_municipality;website",
    `Tuotu yhdistys ${a};Importerad förening;${a};ngo;Kuopio;https://tuotu.example.fi`,
    `Toinen tuotu ${b};;${b};foundation;Helsinki;`,
    "Hylättävä;;1234567-8;pirate;Atlantis;",
  ].join("\r\n");
  const file = Buffer.from(`${csv}\r\n`, "latin1");
  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("directory", "fi"));
  await page.getByRole("link", { name: I.link }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(I.title);
  await expectAccessible(page, info);

  // All or nothing: the bad row stops the import; the report names it and why.
  await page.getByLabel(I.kinds.organisations).check();
  await page.getByLabel(I.file).setInputFiles({ name: "organisaatiot.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: I.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(I.reportTitle);
  await expect(page.getByRole("status")).toContainText(I.notSaved);
  const rows = page.locator("table tbody tr");
  await expect(rows.nth(2)).toContainText(I.outcomes.rejected);
  await expect(rows.nth(2)).toContainText(T.errors.businessId);
  await expect(rows.nth(2)).toContainText(T.errors.organisationType);
  await expectAccessible(page, info);

  // Skip the rejected row: the two good ones are saved and searchable.
  await page.goto(pathTo("directoryImport", "fi"));
  await page.getByLabel(I.kinds.organisations).check();
  await page.getByLabel(I.file).setInputFiles({ name: "organisaatiot.csv", mimeType: "text/csv", buffer: file });
  await page.getByLabel(T.import.upload.skipRejected).check();
  await page.getByRole("button", { name: I.submit }).click();
  await expect(page.getByRole("status")).toContainText(I.saved);
  await expect(rows.nth(0)).toContainText(I.outcomes.created);
  await expect(rows.nth(1)).toContainText(I.outcomes.created);
  await expect(rows.nth(2)).toContainText(I.outcomes.rejected);
  await page.goto(`${pathTo("directory", "fi")}?q=${encodeURIComponent(a)}`);
  await expect(page.locator("main")).toContainText(`Tuotu yhdistys ${a}`);
});
