import { randomInt } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN, expectAccessible, type L, logIn, pathTo, TEXT } from "./helpers.ts";

const COLUMNS =
  "project_code;project_name;priority_axis;specific_objective;planned_start;planned_end;status_at_capture;" +
  "responsible_authority;beneficiary_name;beneficiary_type;beneficiary_business_id;beneficiary_city";

/**
 * A file as Excel in Finland saves it: semicolons, CRLF, Windows-1252. Codes are random so that
 * the two runs (JavaScript on and off) against the same server do not meet.
 */
function excelFile(codes: string[], badBusinessId: boolean): Buffer {
  const [a, b, c] = codes;
  const rows = [
    COLUMNS,
    `${a};Osallisuuden polku;5. Sosiaalinen osallisuus ja köyhyyden torjunta;10.1;1.9.2016;31.8.2019;Toiminta päättynyt;Etelä-Savon elinkeino-, liikenne- ja ympäristökeskus;Mikkelin kaupunki;Kunta;0165116-3;Mikkeli`,
    `${b};Yhdessä eteenpäin;5;10.1;2020-01-01;2022-12-31;Toiminta päättynyt;STM;Sininauhaliitto ry;Yhdistys;0202154-2;Helsinki`,
    `${c};Hylättävä hanke;5;10.1;2021-01-01;2020-12-31;Toiminnassa;Hämeen ELY-keskus;Tuntematon ry;Yhdistys;${badBusinessId ? "1234567-2" : "1234567-1"};Lahti`,
  ];
  return Buffer.from(`${rows.join("\r\n")}\r\n`, "latin1");
}

async function upload(page: Page, locale: L, file: Buffer, skipRejected: boolean) {
  const T = TEXT[locale];
  await page.goto(pathTo("projectImport", locale));
  await page.getByLabel(T.import.upload.file).setInputFiles({ name: "eura-vienti.csv", mimeType: "text/csv", buffer: file });
  if (skipRejected) await page.getByLabel(T.import.upload.skipRejected).check();
  await page.getByRole("button", { name: T.import.upload.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.import.report.title);
}

test("an administrator imports a CSV file and reads its report, row by row (fi)", async ({ page }, info) => {
  const T = TEXT.fi;
  const base = 80000 + randomInt(0, 6000) * 3;
  const codes = [0, 1, 2].map((i) => `S${base + i}`);
  const file = excelFile(codes, true);

  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("link", { name: T.layout.administration }).click();
  await page.getByRole("link", { name: T.import.nav }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.import.upload.title);
  await expect(page.getByRole("table", { name: T.import.upload.columnsTitle })).toContainText("beneficiary_business_id");
  await expectAccessible(page, info);

  // No file chosen: the error summary, focused, and the message at the field.
  await page.getByRole("button", { name: T.import.upload.submit }).click();
  await expect(page.getByRole("alert")).toContainText(T.import.fileErrors.noFile);
  await expect(page.getByRole("alert")).toBeFocused();
  await expect(page).toHaveTitle(new RegExp(`^${T.form.errorTitlePrefix}`));
  await expectAccessible(page, info);

  // All or nothing: one bad row, so nothing is saved; the report names the row and the cells.
  await upload(page, "fi", file, false);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(T.import.report.notSavedTitle);
  await expect(page.getByRole("main")).toContainText("merkistö WINDOWS-1252, erotin puolipiste");
  const rejectedRow = page.locator("#row-4");
  await expect(rejectedRow).toContainText(T.import.outcome.rejected);
  await expect(rejectedRow).toContainText(T.errors.endBeforeStart);
  await expect(rejectedRow).toContainText(T.errors.businessId);
  await expect(page.locator("#row-2")).toContainText(T.import.outcome.wouldCreate);
  await expectAccessible(page, info);
  await alert.getByRole("link", { name: `Rivi 4 (${codes[2]})` }).click();
  await expect(page).toHaveURL(/#row-4$/);
  await page.goto(pathTo("project", "fi", { code: codes[0] ?? "" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.errors.page["404"].title);

  // Import the valid rows and skip the rejected one.
  await upload(page, "fi", file, true);
  await expect(page.getByRole("status")).toContainText(`${T.import.report.saved} 1 hylätty rivi ohitettiin.`);
  await expect(page.locator("#row-2")).toContainText(T.import.outcome.created);
  await expect(page.locator("#row-2")).toContainText(T.import.warnings.servedAreaAssumed);
  await expect(page.locator("#row-3")).toContainText(T.import.outcome.created);
  await expectAccessible(page, info);

  // Reloading the report does not import again; the imported project is public.
  await page.reload();
  await expect(page.getByRole("status")).toContainText(T.import.report.saved);
  await page.getByRole("link", { name: codes[0] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Osallisuuden polku");
  await expect(page.getByRole("main")).toContainText(T.import.project.summaryMissing);
  await expect(page.getByRole("main")).toContainText("Mikkeli");
  await expectAccessible(page, info);

  // The same file again changes nothing.
  await upload(page, "fi", excelFile(codes, true), true);
  await expect(page.getByRole("status")).toContainText(T.import.report.nothingChanged);
  await expect(page.locator("#row-2")).toContainText(T.import.outcome.unchanged);
  await expect(page.locator("#row-3")).toContainText(T.import.outcome.unchanged);
});

test("a file without the required columns is refused with their names (sv)", async ({ page }, info) => {
  const T = TEXT.sv;
  await logIn(page, "sv", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("projectImport", "sv"));
  await page
    .getByLabel(T.import.upload.file)
    .setInputFiles({ name: "fel.csv", mimeType: "text/csv", buffer: Buffer.from("project_code;project_name\nS20064;Toimari\n") });
  await page.getByRole("button", { name: T.import.upload.submit }).click();
  await expect(page.getByRole("alert")).toContainText("Kolumnerna priority_axis, specific_objective");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.import.upload.title);
  await expectAccessible(page, info);
});

test("the three real sample projects are in the public search (en)", async ({ page }) => {
  await page.goto(`${pathTo("projects", "en")}?q=Romaniportti`);
  const first = page.locator(".result-title a").first();
  await expect(first).toHaveText("Romaniportti");
  await first.click();
  await expect(page.getByRole("main")).toContainText(TEXT.en.import.project.summaryMissing);
  await expect(page.getByRole("main")).not.toContainText(TEXT.en.projects.demo);
  await expect(page.getByRole("link", { name: /eura2014\.fi/ })).toHaveAttribute(
    "href",
    "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21994",
  );
});
