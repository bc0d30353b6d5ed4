import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, type TestInfo } from "@playwright/test";
import en from "../../locales/en.json" with { type: "json" };
import fi from "../../locales/fi.json" with { type: "json" };
import sv from "../../locales/sv.json" with { type: "json" };
import { E2E_ADMIN, E2E_CLOCK_OFFSET_SECONDS } from "../../playwright.config.ts";
import { pathTo } from "../../src/web/paths.ts";

export const TEXT = { fi, sv, en } as const;
export type L = keyof typeof TEXT;
export const LOCALES: L[] = ["fi", "sv", "en"];
export { E2E_ADMIN, pathTo };

/** The e2e server's clock (the real one shifted by the test clock's offset; playwright.config.ts). */
export function e2eNow(): number {
  return Date.now() + E2E_CLOCK_OFFSET_SECONDS * 1000;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@example.fi`;
}

/** No WCAG 2.1 A/AA violations on the current page (run where the page's JavaScript is on). */
export async function expectAccessible(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.project.name === "js-off") return; // same server-rendered HTML; axe needs script injection
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export async function logIn(page: Page, locale: L, email: string, password: string): Promise<void> {
  await page.goto(pathTo("login", locale));
  await page.getByLabel(TEXT[locale].fields.email).fill(email);
  await page.getByLabel(TEXT[locale].fields.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: TEXT[locale].login.submit }).click();
}

export async function logOut(page: Page, locale: L): Promise<void> {
  await page.getByRole("button", { name: TEXT[locale].layout.logout }).click();
  await expect(page.getByRole("status")).toContainText(TEXT[locale].login.loggedOut);
}

/** Reads the newest outbox mail to `email` as the administrator, in a separate browser context. */
export async function readMail(browser: Browser, baseURL: string, email: string, subject: string, info?: TestInfo): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await logIn(page, "en", E2E_ADMIN.email, E2E_ADMIN.password);
  // Mails are jobs of the queue (polled every second on the e2e server): wait for this one.
  let body = "";
  for (let i = 0; i < 40 && !body; i++) {
    await page.goto(pathTo("adminOutbox", "en"));
    const mail = page.locator("li.mail").filter({ hasText: email }).filter({ hasText: subject }).first();
    if ((await mail.count()) > 0) body = (await mail.locator("pre").textContent()) ?? "";
    else await page.waitForTimeout(500);
  }
  if (info) await expectAccessible(page, info);
  await context.close();
  const link = /https?:\/\/\S+/.exec(body)?.[0];
  if (!link) throw new Error(`no link in mail to ${email}`);
  return new URL(link).pathname;
}

/** Invites a user as the administrator (through the admin pages) and returns the invitation link. */
export async function inviteAs(
  browser: Browser,
  baseURL: string,
  locale: L,
  email: string,
  roleLabel: string,
  info?: TestInfo,
  areaLabel?: string,
): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("adminInvite", locale));
  if (info) {
    // The error state of the form, then the form itself, are checked too.
    await page.getByRole("button", { name: TEXT[locale].admin.invite.submit }).click();
    await expect(page.getByRole("alert")).toContainText(TEXT[locale].errors.emailRequired);
    await expect(page.getByRole("alert")).toBeFocused();
    await expectAccessible(page, info);
  }
  await page.getByLabel(TEXT[locale].fields.email).fill(email);
  await page.getByLabel(TEXT[locale].fields.role).selectOption({ label: roleLabel });
  if (areaLabel) await page.getByLabel(TEXT[locale].fields.area).selectOption({ label: areaLabel });
  await page.getByLabel(TEXT[locale].fields.mailLanguage).selectOption(locale);
  await page.getByRole("button", { name: TEXT[locale].admin.invite.submit }).click();
  await expect(page.getByRole("status")).toContainText(TEXT[locale].admin.users.invited);
  if (info) await expectAccessible(page, info);
  await context.close();
  return readMail(browser, baseURL, email, TEXT[locale].mail.invitation.subject, info);
}

/** Accepts an invitation link in `page` (which is then logged in as the new user). */
export async function acceptInvitation(page: Page, locale: L, link: string, name: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel(TEXT[locale].fields.name, { exact: true }).fill(name);
  await page.getByLabel(TEXT[locale].fields.newPassword, { exact: true }).fill(password);
  await page.getByLabel(TEXT[locale].fields.passwordConfirm).fill(password);
  await page.getByRole("button", { name: TEXT[locale].invitation.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT[locale].account.title);
}
