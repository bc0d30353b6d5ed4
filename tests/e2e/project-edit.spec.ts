import { expect, test } from "@playwright/test";
import { acceptInvitation, expectAccessible, inviteAs, LOCALES, pathTo, TEXT, uniqueEmail } from "./helpers.ts";

const PASSWORD = "a long enough passphrase 42";
const EAST = { fi: "Itä-Suomi", sv: "Östra Finland", en: "Eastern Finland" } as const;

for (const [i, locale] of LOCALES.entries()) {
  const T = TEXT[locale];
  const P = T.projectForm;

  test(`an area coordinator creates a project and binds a member, who edits it (${locale})`, async ({ browser, baseURL, page }, info) => {
    test.slow();
    const code = `S2${String(9700 + i * 10 + (info.project.name === "js-off" ? 5 : 0)).padStart(4, "0")}`;
    const coordinatorEmail = uniqueEmail("area-coordinator");
    const memberEmail = uniqueEmail("member");
    const coordinatorArea = EAST[locale];
    const link = await inviteAs(browser, baseURL ?? "", locale, coordinatorEmail, T.roles.area_coordinator, undefined, coordinatorArea);
    await acceptInvitation(page, locale, link, "Aino Aluekoordinaattori", PASSWORD);

    // From the search page to the empty form; sending it empty shows every error at the top.
    await page.goto(pathTo("projects", locale));
    await page.getByRole("link", { name: P.newTitle }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(P.newTitle);
    await expectAccessible(page, info);
    await page.getByRole("button", { name: P.create }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(T.errors.nameFiRequired);
    await expect(summary).toContainText(T.errors.summaryFiRequired);
    await expectAccessible(page, info);

    // The summary links to the field.
    await summary.getByRole("link", { name: T.errors.nameFiRequired }).click();
    await expect(page.getByLabel(P.nameFi)).toBeFocused();

    await page.getByLabel(T.projects.fields.code).fill(code);
    await page.getByLabel(P.nameFi).fill(`Polku työhön ${code}`);
    await page.getByLabel(P.summaryFi).fill("Hanke tukee pitkään työttömänä olleita kuopiolaisia vertaistuen avulla.");
    await page.getByLabel(P.municipalities).fill("Kuopio, Siilinjärvi");
    await page.getByLabel(P.orgName).first().fill("Kuopion kaupunki");
    await page.getByLabel(P.orgType).first().selectOption("municipality");
    await page.getByLabel(T.projects.businessId).first().fill("0171450-7");
    await page.locator('input[name="targetGroupIds"]').first().check();
    await page.getByLabel(P.budgetTotal).fill("300 000");
    await page.getByRole("button", { name: P.create }).click();

    await expect(page.getByRole("status")).toHaveText(P.saved);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Polku työhön ${code}`);
    await expect(page.getByRole("main")).toContainText(coordinatorArea);
    await expectAccessible(page, info);

    // An administrator invites the project member; the coordinator binds them to the project.
    const memberLink = await inviteAs(browser, baseURL ?? "", locale, memberEmail, T.roles.project_member);
    const memberContext = await browser.newContext({ baseURL });
    const memberPage = await memberContext.newPage();
    await acceptInvitation(memberPage, locale, memberLink, "Matti Hanketyöntekijä", PASSWORD);
    await expect(memberPage.getByRole("main")).toContainText(T.account.noProjects);

    await page.getByRole("link", { name: T.members.link }).click();
    await expect(page.getByRole("main")).toContainText(T.members.none);
    await page.getByLabel(T.fields.email).fill("nobody@example.fi");
    await page.getByRole("button", { name: T.members.add }).click();
    await expect(page.getByRole("alert")).toContainText(T.errors.memberNoAccount);
    await expectAccessible(page, info);
    await page.getByLabel(T.fields.email).fill(memberEmail);
    await page.getByRole("button", { name: T.members.add }).click();
    await expect(page.getByRole("status")).toHaveText(T.members.added);
    await expect(page.getByRole("table")).toContainText(memberEmail);
    await expectAccessible(page, info);

    // The member finds the project on their own page and edits it; the code is not theirs to change.
    await memberPage.goto(pathTo("account", locale));
    await memberPage.getByRole("link", { name: `Polku työhön ${code}` }).click();
    await memberPage.getByRole("link", { name: P.editLink }).click();
    await expect(memberPage.getByLabel(T.projects.fields.code)).toHaveCount(0);
    await expect(memberPage.getByLabel(P.nameFi)).toHaveValue(`Polku työhön ${code}`);
    await memberPage.getByLabel(P.nameSv).fill(`Stigen till arbete ${code}`);
    await memberPage.getByLabel(P.publicFunding).fill("400000");
    await memberPage.getByRole("button", { name: P.save }).click();
    // More public funding than the total budget: the field says so and keeps the value.
    await expect(memberPage.getByRole("alert")).toContainText(T.errors.publicOverTotal);
    await expect(memberPage.getByLabel(P.publicFunding)).toHaveValue("400000");
    await expectAccessible(memberPage, info);
    await memberPage.getByLabel(P.publicFunding).fill("240000");
    await memberPage.getByLabel(T.projects.fields.status, { exact: true }).selectOption("running");
    // A change dated before the project's previous status change is refused; empty means today.
    await memberPage.getByLabel(P.statusChangedOn).fill("2015-01-01");
    await memberPage.getByRole("button", { name: P.save }).click();
    await expect(memberPage.getByRole("alert")).toContainText(T.errors.statusDateBeforeLast);
    await memberPage.getByLabel(P.statusChangedOn).fill("");
    await memberPage.getByRole("button", { name: P.save }).click();
    await expect(memberPage.getByRole("status")).toHaveText(P.saved);
    await expect(memberPage.getByRole("main")).toContainText(T.projects.status.running);
    if (locale === "sv") await expect(memberPage.getByRole("heading", { level: 1 })).toHaveText(`Stigen till arbete ${code}`);
    await expect(memberPage.getByRole("link", { name: T.members.link })).toHaveCount(0);
    await expectAccessible(memberPage, info);
    await memberContext.close();
  });
}
