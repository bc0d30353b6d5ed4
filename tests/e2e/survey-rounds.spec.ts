import { expect, test } from "@playwright/test";
import { E2E_ADMIN, expectAccessible, logIn, pathTo, TEXT } from "./helpers.ts";

const T = TEXT.fi;
const S = T.survey;

test("a worker changes a round's dates and closes the round now", async ({ page }, info) => {
  const js = info.project.name !== "js-off";
  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  // A demo project of its own for each run (other survey journeys use other projects).
  await page.goto(pathTo("projects", "fi"));
  const href =
    (await page
      .locator("main a[href^='/fi/hankkeet/S']")
      .nth(js ? 8 : 9)
      .getAttribute("href")) ?? "";
  await page.goto(href);
  await page.getByRole("link", { name: S.manage.link }).click();

  await page.getByLabel(S.manage.opensOn).fill("2020-01-01");
  await page.getByLabel(S.manage.closesOn).fill("2099-12-31");
  await page.locator("form:has(input[value=openRound])").getByRole("button").click();
  await expect(page.getByRole("status")).toContainText(S.manage.roundOpened);

  // Change the dates: a close before the open is shown at the top and next to the field, kept as typed.
  await page.getByRole("link", { name: new RegExp(S.manage.changeDates) }).click();
  const form = page.locator("#edit-round");
  await expect(form.getByRole("heading")).toContainText(S.manage.startRound);
  await form.getByLabel(S.manage.opensOn).fill("2026-12-31");
  await form.getByLabel(S.manage.closesOn).fill("2026-01-01");
  await form.getByRole("button", { name: S.manage.saveDates }).click();
  await expect(page.getByRole("alert")).toContainText(T.errors.surveyClosesBeforeOpens);
  await expect(page.locator("#field-editClosesOn")).toHaveValue("2026-01-01");
  await expectAccessible(page, info);
  await page.locator("#edit-round").getByLabel(S.manage.closesOn).fill("2098-06-30");
  await page.locator("#edit-round").getByLabel(S.manage.opensOn).fill("2020-02-01");
  await page.locator("#edit-round").getByRole("button", { name: S.manage.saveDates }).click();
  await expect(page.getByRole("status")).toContainText(S.manage.datesChanged);
  await expect(page.locator("table")).toContainText("2098");

  // Close it now: the round is closed and the button is gone.
  const close = page.getByRole("button", { name: S.manage.closeNowOf.replace("{{round}}", S.manage.startRound) });
  await close.click();
  await expect(page.getByRole("status")).toContainText(S.manage.roundClosed);
  await expect(page.locator("table")).toContainText(S.manage.closed);
  await expect(close).toHaveCount(0);
  await expectAccessible(page, info);
});
