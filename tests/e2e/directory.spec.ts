import { expect, test } from "@playwright/test";
import { acceptInvitation, expectAccessible, inviteAs, LOCALES, pathTo, TEXT, uniqueEmail } from "./helpers.ts";

const PASSWORD = "a long enough passphrase 42";

for (const locale of LOCALES) {
  const T = TEXT[locale];
  const D = T.directory;

  test(`find a partner project in another area from a project page (${locale})`, async ({ page }, info) => {
    // A regional demo project of the East: its page shows the area's coordinator and links to the finder.
    await page.goto(`${pathTo("projects", locale)}?maakunta=11`);
    await page.locator("ol.results li.result h2 a").first().click();
    await expect(page.getByRole("heading", { level: 2, name: D.coordinators.title })).toBeVisible();
    await expect(page.locator(".area-contacts .person-card").first()).toBeVisible();
    await expectAccessible(page, info);
    const sourceAreas = (await page.locator(".summary-list").textContent()) ?? "";
    await page.getByRole("link", { name: D.partners.fromProject }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(D.partners.title);
    await page.getByLabel(D.partners.otherAreas).check();
    await page.getByRole("button", { name: D.partners.submit }).click();
    await expect(page.getByLabel(D.partners.otherAreas)).toBeChecked();
    const first = page.locator("ol.results li.result").first();
    await expect(first.locator(".why")).toContainText(D.partners.why);
    await expectAccessible(page, info);
    // Every result lies outside the source project's areas.
    const metas = await page.locator("ol.results li.result .result-meta").allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    const eastName = { fi: "Itä-Suomi", sv: "Östra Finland", en: "Eastern Finland" }[locale];
    expect(sourceAreas).toContain(eastName);
    for (const meta of metas) expect(meta).not.toContain(eastName);
    await first.locator("h3 a").click();
    await expect(page.locator(".summary-list")).not.toContainText(eastName);
  });

  test(`edit own visibility, download and erase own data (${locale})`, async ({ browser, baseURL, page }, info) => {
    test.slow();
    const email = uniqueEmail("directory-person");
    const name = `Vilma Verkosto ${email.slice(17, 27)}`;
    const link = await inviteAs(browser, baseURL ?? "", locale, email, T.roles.project_member);
    await acceptInvitation(page, locale, link, name, PASSWORD);

    await page.goto(pathTo("ownData", locale));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(D.own.title);
    await expectAccessible(page, info);
    await page.getByRole("link", { name: D.own.create }).click();
    await page.getByLabel(D.fields.phone).fill("12");
    await page.getByRole("button", { name: D.own.save }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText(T.errors.phoneInvalid);
    await expect(summary).toContainText(T.errors.visibilityRequired);
    await expect(page.getByLabel(D.fields.phone)).toHaveValue("12");
    await expectAccessible(page, info);
    await page.getByLabel(D.fields.phone).fill("040 765 4321");
    await page.getByLabel(D.fields.visibility).selectOption(D.visibility.coordinators);
    await page.getByRole("button", { name: D.own.save }).click();
    await expect(page.getByRole("status")).toContainText(D.own.saved);
    await expect(page.locator("main")).toContainText(D.visibility.coordinators);
    await expect(page.locator("main")).toContainText("040 7654321");

    // A project member does not see coordinators-only entries, except their own.
    await page.goto(`${pathTo("directory", locale)}?q=${encodeURIComponent(name)}`);
    await expect(page.locator("main")).toContainText(name);
    const anonymous = await browser.newContext({ baseURL: baseURL ?? "" });
    const other = await anonymous.newPage();
    await other.goto(`${pathTo("directory", locale)}?q=${encodeURIComponent(name)}`);
    await expect(other.locator("main")).not.toContainText(name);
    await expect(other.locator("main")).not.toContainText("040 7654321");
    await anonymous.close();

    // Now visible to everyone.
    await page.goto(pathTo("ownDataEdit", locale));
    await page.getByLabel(D.fields.visibility).selectOption(D.visibility.public);
    await page.getByRole("button", { name: D.own.save }).click();
    await expect(page.getByRole("status")).toContainText(D.own.saved);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: D.own.download }).click();
    const file = await download;
    const data = JSON.parse(await (await import("node:fs/promises")).readFile((await file.path()) ?? "", "utf8"));
    expect(data.account.email).toBe(email);
    expect(data.directoryEntry).toMatchObject({ name, phone: "+358407654321", visibility: "public" });

    await page.getByRole("button", { name: D.own.eraseSubmit }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.eraseConfirm);
    await expectAccessible(page, info);
    await page.getByLabel(D.own.eraseConfirm).check();
    await page.getByRole("button", { name: D.own.eraseSubmit }).click();
    // The account is closed with the entry: the visitor is signed out and cannot sign in again.
    await expect(page.getByRole("status")).toContainText(D.own.erased);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(D.own.erasedTitle);
    await expectAccessible(page, info);
    await page.goto(pathTo("login", locale));
    await page.getByLabel(T.fields.email).fill(email);
    await page.getByLabel(T.fields.password, { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: T.login.submit }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.loginFailed);
    await page.goto(`${pathTo("directory", locale)}?q=${encodeURIComponent(name)}`);
    await expect(page.locator("main")).not.toContainText(name);
  });

  test(`network picture of an area: the list always, the picture with JavaScript (${locale})`, async ({ page }, info) => {
    await page.goto(pathTo("network", locale));
    await page.getByLabel(D.network.area).selectOption({ index: 3 });
    await page.getByRole("button", { name: D.network.show }).click();
    await expect(page.getByRole("heading", { level: 2, name: D.network.listTitle })).toBeVisible();
    await expect(page.locator(".network-list > li").first()).toBeVisible();
    if (info.project.name === "js-on") await expect(page.locator(".network-picture svg")).toBeVisible();
    else await expect(page.locator(".network-picture")).toBeHidden();
    await expectAccessible(page, info);
  });
}
