import { expect, test } from "@playwright/test";
import { E2E_ADMIN, expectAccessible, inviteAs, type L, LOCALES, logIn, logOut, pathTo, readMail, TEXT, uniqueEmail } from "./helpers.ts";

for (const locale of LOCALES) {
  const T = TEXT[locale];

  test.describe(`accounts in ${locale}`, () => {
    test("front page, language switch and accessibility statement", async ({ page }, info) => {
      await page.goto(pathTo("home", locale));
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.home.title);
      await expect(page.getByRole("contentinfo")).toContainText("CC BY 4.0");
      await expectAccessible(page, info);

      await page.getByRole("link", { name: T.layout.accessibilityStatement }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.accessibility.title);
      await expectAccessible(page, info);

      // The switch keeps the user on the same page, in another language.
      const other: L = locale === "fi" ? "sv" : "fi";
      await page.getByRole("link", { name: other === "fi" ? "Suomi" : "Svenska" }).click();
      await expect(page).toHaveURL(new RegExp(`${pathTo("accessibility", other)}$`));
      await expect(page.locator("html")).toHaveAttribute("lang", other);
    });

    test("log in and log out", async ({ page }, info) => {
      await page.goto(pathTo("login", locale));
      await expectAccessible(page, info);

      // A wrong password: error summary and field error, the e-mail kept.
      await page.getByLabel(T.fields.email).fill(E2E_ADMIN.email);
      await page.getByLabel(T.fields.password, { exact: true }).fill("not the password");
      await page.getByRole("button", { name: T.login.submit }).click();
      await expect(page.getByRole("alert")).toContainText(T.errors.loginFailed);
      await expect(page.getByLabel(T.fields.email)).toHaveValue(E2E_ADMIN.email);
      await expect(page).toHaveTitle(new RegExp(`^${T.form.errorTitlePrefix}`));
      await expectAccessible(page, info);

      await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.account.title);
      await expect(page.getByRole("main")).toContainText(T.roles.admin);
      await expectAccessible(page, info);

      await logOut(page, locale);
      await page.goto(pathTo("account", locale));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.errors.page["401"].title);
    });

    test("accept an invitation", async ({ page, browser, baseURL }, info) => {
      const email = uniqueEmail(`invited-${locale}-${info.project.name}`);
      const link = await inviteAs(browser, baseURL ?? "", locale, email, T.roles.researcher, info);

      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.invitation.title);
      await expect(page.getByRole("main")).toContainText(email);
      await expectAccessible(page, info);

      // Too short a password: the name is kept, the error is shown.
      await page.getByLabel(T.fields.name, { exact: true }).fill("Rita Researcher");
      await page.getByLabel(T.fields.newPassword, { exact: true }).fill("short");
      await page.getByLabel(T.fields.passwordConfirm).fill("short");
      await page.getByRole("button", { name: T.invitation.submit }).click();
      await expect(page.getByRole("alert")).toContainText(T.errors.passwordTooShort);
      await expect(page.getByLabel(T.fields.name, { exact: true })).toHaveValue("Rita Researcher");
      await expectAccessible(page, info);

      await page.getByLabel(T.fields.newPassword, { exact: true }).fill("a long enough passphrase");
      await page.getByLabel(T.fields.passwordConfirm).fill("a long enough passphrase");
      await page.getByRole("button", { name: T.invitation.submit }).click();
      await expect(page.getByRole("status")).toContainText("Rita Researcher");
      await expect(page.getByRole("main")).toContainText(T.roles.researcher);

      await logOut(page, locale);
      await logIn(page, locale, email, "a long enough passphrase");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.account.title);
    });

    test("reset a forgotten password", async ({ page, browser, baseURL }, info) => {
      const email = uniqueEmail(`reset-${locale}-${info.project.name}`);
      const invitation = await inviteAs(browser, baseURL ?? "", locale, email, T.roles.project_member);
      await page.goto(invitation);
      await page.getByLabel(T.fields.name, { exact: true }).fill("Pekka Project");
      await page.getByLabel(T.fields.newPassword, { exact: true }).fill("first password 123");
      await page.getByLabel(T.fields.passwordConfirm).fill("first password 123");
      await page.getByRole("button", { name: T.invitation.submit }).click();
      await logOut(page, locale);

      await page.getByRole("link", { name: T.login.forgotLink }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.forgot.title);
      await expectAccessible(page, info);
      await page.getByRole("button", { name: T.forgot.submit }).click();
      await expect(page.getByRole("alert")).toContainText(T.errors.emailRequired);
      await expect(page.getByRole("alert")).toBeFocused();
      await expectAccessible(page, info);
      await page.getByLabel(T.fields.email).fill(email);
      await page.getByRole("button", { name: T.forgot.submit }).click();
      await expect(page.getByRole("status")).toContainText(T.forgot.sent);

      const link = await readMail(browser, baseURL ?? "", email, T.mail.reset.subject);
      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.reset.title);
      await expectAccessible(page, info);
      await page.getByLabel(T.fields.newPassword, { exact: true }).fill("second password 456");
      await page.getByLabel(T.fields.passwordConfirm).fill("second password 456");
      await page.getByRole("button", { name: T.reset.submit }).click();
      await expect(page.getByRole("status")).toContainText(T.login.passwordChanged);

      await logIn(page, locale, email, "second password 456");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.account.title);

      // The link works only once.
      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.linkInvalid.reset.title);
    });
  });
}

test("log in with the keyboard only", async ({ page }) => {
  await page.goto(pathTo("login", "fi"));
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: TEXT.fi.layout.skipToContent });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const email = page.getByLabel(TEXT.fi.fields.email);
  let onEmail = false;
  for (let i = 0; i < 20 && !onEmail; i++) {
    await page.keyboard.press("Tab");
    onEmail = await expect(email)
      .toBeFocused({ timeout: 200 })
      .then(() => true)
      .catch(() => false);
  }
  expect(onEmail, "the e-mail field is reached with Tab").toBe(true);
  await page.keyboard.type(E2E_ADMIN.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(E2E_ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT.fi.account.title);
});

test("administration is refused to a non-administrator", async ({ page, browser, baseURL }, info) => {
  const email = uniqueEmail(`viewer-${info.project.name}`);
  const link = await inviteAs(browser, baseURL ?? "", "en", email, TEXT.en.roles.ministry_viewer);
  await page.goto(link);
  await page.getByLabel(TEXT.en.fields.name, { exact: true }).fill("Mira Ministry");
  await page.getByLabel(TEXT.en.fields.newPassword, { exact: true }).fill("ministry password 1");
  await page.getByLabel(TEXT.en.fields.passwordConfirm).fill("ministry password 1");
  await page.getByRole("button", { name: TEXT.en.invitation.submit }).click();
  await expect(page.getByRole("link", { name: TEXT.en.layout.administration })).toHaveCount(0);
  const res = await page.goto(pathTo("adminUsers", "en"));
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT.en.errors.page["403"].title);
  await expectAccessible(page, info);
});

test("an administrator changes a role and revokes an open invitation", async ({ page, browser, baseURL }, info) => {
  const T = TEXT.fi;
  const email = uniqueEmail(`edit-${info.project.name}`);
  const name = `Elli Edit ${info.project.name}`;
  const link = await inviteAs(browser, baseURL ?? "", "fi", email, T.roles.researcher);
  await page.goto(link);
  await page.getByLabel(T.fields.name, { exact: true }).fill(name);
  await page.getByLabel(T.fields.newPassword, { exact: true }).fill("edit password 2026");
  await page.getByLabel(T.fields.passwordConfirm).fill("edit password 2026");
  await page.getByRole("button", { name: T.invitation.submit }).click();
  await logOut(page, "fi");

  await logIn(page, "fi", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("adminUsers", "fi"));
  await page.getByRole("link", { name }).click();
  await expectAccessible(page, info);
  await page.getByLabel(T.fields.role).selectOption({ label: T.roles.area_coordinator });
  await page.getByRole("button", { name: T.admin.edit.submit }).click();
  // An area coordinator needs an area: the error is shown and the choice is kept.
  await expect(page.getByRole("alert")).toContainText(T.errors.areaRequired);
  await expect(page.getByLabel(T.fields.role)).toHaveValue("area_coordinator");
  await expectAccessible(page, info);
  await page.getByLabel(T.fields.area).selectOption("east");
  await page.getByRole("button", { name: T.admin.edit.submit }).click();
  await expect(page.getByRole("status")).toContainText(T.admin.users.updated);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(T.roles.area_coordinator);

  // Revoke an open invitation: its link stops working.
  const pending = uniqueEmail(`revoke-${info.project.name}`);
  const pendingLink = await inviteAs(browser, baseURL ?? "", "fi", pending, T.roles.researcher);
  await page.goto(pathTo("adminUsers", "fi"));
  await page
    .getByRole("row", { name: new RegExp(pending) })
    .getByRole("button", { name: new RegExp(T.admin.invitations.revoke) })
    .click();
  await expect(page.getByRole("status")).toContainText(T.admin.users.revoked);
  await expectAccessible(page, info);
  await page.goto(pendingLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(T.linkInvalid.invitation.title);
});
