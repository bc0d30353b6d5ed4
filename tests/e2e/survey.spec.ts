import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN, expectAccessible, logIn, pathTo, TEXT } from "./helpers.ts";

const T = TEXT.fi;
const S = T.survey;

/** A participant on a small phone (JavaScript as the test project says) answers with their card's code. */
async function answer(
  browser: Browser,
  baseURL: string,
  javaScriptEnabled: boolean,
  path: string,
  values: number[],
  info?: Parameters<typeof expectAccessible>[1],
) {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, javaScriptEnabled, isMobile: true });
  const page = await context.newPage();
  await page.goto(path);
  const locale = (path.split("/")[1] ?? "fi") as "fi" | "sv" | "en";
  const L = TEXT[locale].survey;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(L.answer.title);
  const statements = page.locator("fieldset.survey-item");
  await expect(statements).toHaveCount(14);
  if (info) await expectAccessible(page, info);
  for (const [i, v] of values.entries()) {
    // Each statement is a group named by its legend; each answer a radio named by its label.
    const group = page.getByRole("group").nth(i);
    await group
      .getByRole("radio")
      .nth(v - 1)
      .check();
  }
  await page.getByLabel(L.answer.withWorker).check();
  await page.getByRole("button", { name: L.answer.send }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(L.message.thanks.title);
  await context.close();
}

async function openRound(page: Page) {
  await page.getByLabel(S.manage.opensOn).fill("2020-01-01");
  await page.getByLabel(S.manage.closesOn).fill("2099-12-31");
  await page.locator("form:has(input[value=openRound])").getByRole("button").click();
  await expect(page.getByRole("status")).toContainText(S.manage.roundOpened);
}

test("a worker opens rounds and prints codes; participants answer on a phone; results appear after five pairs", async ({
  browser,
  baseURL,
  page,
}, info) => {
  test.slow();
  const js = info.project.name !== "js-off";
  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  // A demo project of its own for each run (the two runs share one server).
  await page.goto(pathTo("projects", "fi"));
  const links = page.locator("main a[href^='/fi/hankkeet/S']");
  const href = (await links.nth(js ? 5 : 6).getAttribute("href")) ?? "";
  await page.goto(href);
  await page.getByRole("link", { name: S.manage.link }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(S.manage.title.split(":")[0] as string);
  await expectAccessible(page, info);

  // The dates must be in order: the error is shown next to the field and at the top.
  await page.getByLabel(S.manage.opensOn).fill("2026-12-31");
  await page.getByLabel(S.manage.closesOn).fill("2026-01-01");
  await page.locator("form:has(input[value=openRound])").getByRole("button").click();
  await expect(page.getByRole("alert")).toContainText(T.errors.surveyClosesBeforeOpens);
  await expectAccessible(page, info);
  await openRound(page);

  await page.getByLabel(S.manage.batchSize).fill("7");
  await page.getByRole("button", { name: S.manage.issueCodes }).click();
  const cards = page.locator(".survey-card");
  await expect(cards).toHaveCount(7);
  await expect(page.locator(".survey-qr svg")).toHaveCount(7);
  await expectAccessible(page, info);
  const codes = (await page.locator(".survey-code").allTextContents()).map((c) => c.replace("-", ""));

  // Start round: five answer, in Finnish and in Swedish (the card's QR code opens the Finnish form).
  for (const [i, code] of codes.slice(0, 5).entries()) {
    const path = i < 3 ? pathTo("surveyAnswer", "fi", { code }) : pathTo("surveyAnswer", "sv", { code });
    await answer(browser, baseURL ?? "", js, path, [3, 3, 2, 3, 3, 2, 3, 3, 3, 3], i === 0 ? info : undefined);
  }
  // A second try with the same code gets a kind message.
  const again = await browser.newContext({ baseURL, javaScriptEnabled: js });
  const againPage = await again.newPage();
  await againPage.goto(pathTo("surveyAnswer", "fi", { code: codes[0] as string }));
  await expect(againPage.getByRole("heading", { level: 1 })).toHaveText(S.message.alreadyAnswered.title);
  // A mistyped code is caught by its check character.
  await againPage.goto(pathTo("surveyStart", "fi"));
  const typo = `${(codes[1] as string).slice(0, 7)}${(codes[1] as string).endsWith("A") ? "C" : "A"}`;
  await againPage.getByLabel(S.start.codeLabel).fill(typo);
  await againPage.getByRole("button", { name: S.start.continue }).click();
  await expect(againPage.getByRole("alert")).toContainText(T.errors.surveyCodeInvalid);
  await expectAccessible(againPage, info);
  await again.close();

  // Follow-up: four pairs are not enough to show anything.
  await page.goto(href);
  await page.getByRole("link", { name: S.manage.link }).click();
  await openRound(page);
  for (const code of codes.slice(0, 4))
    await answer(browser, baseURL ?? "", js, pathTo("surveyAnswer", "en", { code }), [4, 4, 3, 4, 4, 3, 4, 4, 4, 4]);
  await page.getByRole("link", { name: S.manage.resultsLink, exact: true }).click();
  await expect(page.getByText(S.results.tooFew.replaceAll("{{k}}", "5"))).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(S.results.pairedN.replace(/[()]/g, ".")) })).toContainText("piilotettu");

  // The fifth pair: the figures appear.
  await answer(browser, baseURL ?? "", js, pathTo("surveyAnswer", "fi", { code: codes[4] as string }), [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(S.results.pairedN.replace(/[()]/g, ".")) })).toContainText("5");
  await expect(page.getByText(S.results.significant)).toBeVisible();
  await expectAccessible(page, info);

  // Pooled results of the programme, for coordinators and ministry viewers.
  await page.goto(`${pathTo("surveyRollup", "fi")}?group=programme:esf-2014-2020-tl5`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(S.rollup.title);
  await expectAccessible(page, info);
});
