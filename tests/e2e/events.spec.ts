import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN, e2eNow, expectAccessible, type L, logIn, pathTo, TEXT, uniqueEmail } from "./helpers.ts";

/** Today and later days as YYYY-MM-DD, and a time of day, in Finnish time, by the server's (test) clock. */
function helsinki(offsetMinutes: number): { day: string; time: string } {
  const s = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Helsinki",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(e2eNow() + offsetMinutes * 60_000));
  const [day = "", time = ""] = s.split(" ");
  return { day, time };
}

/** An outbox mail's first link, waiting for the job queue to have sent it. */
async function mailLink(browser: Browser, baseURL: string, email: string, subject: string): Promise<string> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await logIn(page, "en", E2E_ADMIN.email, E2E_ADMIN.password);
  let body = "";
  for (let i = 0; i < 30 && !body; i++) {
    await page.goto(pathTo("adminOutbox", "en"));
    const mail = page.locator("li.mail").filter({ hasText: email }).filter({ hasText: subject }).first();
    if ((await mail.count()) > 0) body = (await mail.locator("pre").textContent()) ?? "";
    else await page.waitForTimeout(500);
  }
  await context.close();
  const link = /https?:\/\/\S+\/(fi|sv|en)\/\S+/.exec(body)?.[0];
  if (!link) throw new Error(`no mail "${subject}" to ${email}`);
  return new URL(link).pathname;
}

async function registerOn(page: Page, locale: L, eventPath: string, who: { name: string; email: string; answers?: string[] }) {
  const E = TEXT[locale].events;
  await page.goto(eventPath);
  await page.getByLabel(E.fields.name, { exact: true }).fill(who.name);
  await page.getByLabel(E.fields.email, { exact: true }).fill(who.email);
  await page.getByLabel(E.fields.organisation, { exact: true }).fill("Diakonia-ammattikorkeakoulu");
  for (const [i, answer] of (who.answers ?? []).entries()) await page.locator('textarea[name^="answer-"]').nth(i).fill(answer);
  await page.locator('button[type="submit"]').last().click();
}

/** "Kysymys {{n}} suomeksi" for question n. */
const nth = (label: string, n: number) => label.replace("{{n}}", String(n));

for (const locale of ["fi", "sv"] as const) {
  const T = TEXT[locale];
  const E = T.events;

  test(`a series fills up, a cancellation moves the waitlist up with a mail (${locale})`, async ({ page, browser, baseURL }, info) => {
    const tag = `${locale}-${info.project.name}-${Date.now().toString(36)}`;
    const title = `Suunnittelupaja ${tag}`;
    await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(pathTo("events", locale));
    await page.getByRole("link", { name: E.newLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(E.form.newTitle);

    // An empty form: the error summary, focused, then the series is saved.
    await page.getByRole("button", { name: E.form.save }).click();
    await expect(page.getByRole("alert")).toBeFocused();
    await expect(page.getByRole("alert")).toContainText(T.errors.eventType);
    await expectAccessible(page, info);
    await page.getByLabel(E.fields.type).selectOption("planning_workshop");
    await page.getByLabel(E.form.titleFi).fill(title);
    await page.getByLabel(E.form.titleSv).fill(`Planeringsverkstad ${tag}`);
    for (const [n, offsetDays] of [
      [1, 7],
      [2, 14],
      [3, 21],
    ] as const) {
      await page.getByLabel(E.form.sessionDate.replace("{{n}}", String(n))).fill(helsinki(offsetDays * 1440).day);
      await page.getByLabel(E.form.sessionStart.replace("{{n}}", String(n))).fill("9.00");
      await page.getByLabel(E.form.sessionEnd.replace("{{n}}", String(n))).fill("12.00");
    }
    await page.getByLabel(E.themes.funding_call).check();
    await page.getByLabel(E.form.remote).check();
    await page.getByLabel(E.form.meetingUrl).fill("https://meet.example.fi/paja");
    await page.getByLabel(E.fields.capacity, { exact: true }).fill("2");
    // Two questions: "add another question" (a plain submit: the same with JS on and off) gives a row.
    await page.getByLabel(nth(E.form.questionFi, 1)).fill("Ruokavalio?");
    await page.getByLabel(nth(E.form.questionSv, 1)).fill("Specialkost?");
    await page.getByLabel(nth(E.form.questionOrder, 1)).fill("2");
    await page.getByRole("button", { name: E.form.addQuestion }).click();
    await page.getByLabel(nth(E.form.questionFi, 2)).fill("Saavutettavuustarpeet?");
    await page.getByLabel(nth(E.form.questionSv, 2)).fill("Behov av tillgänglighet?");
    await page.getByLabel(nth(E.form.questionRequired, 2)).check();
    await page.getByLabel(nth(E.form.questionOrder, 2)).fill("1");
    await expectAccessible(page, info);
    await page.getByRole("button", { name: E.form.save }).click();
    await expect(page.getByRole("status")).toHaveText(E.manage.notice.created);
    await expectAccessible(page, info);
    const eventPath =
      (await page
        .getByRole("link", { name: new RegExp(tag) })
        .first()
        .getAttribute("href")) ?? "";

    // The public calendar (filtered) and the event page.
    const visitorContext = await browser.newContext({ baseURL });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${pathTo("events", locale)}?type=planning_workshop&theme=funding_call`);
    await expect(visitor.getByRole("main")).toContainText(locale === "sv" ? `Planeringsverkstad ${tag}` : title);
    await expectAccessible(visitor, info);
    await visitor.goto(eventPath);
    await expect(visitor.getByRole("main")).toContainText(E.seriesNote);
    await expect(visitor.getByRole("link", { name: E.addToCalendar })).toBeVisible();
    await expect(visitor.getByRole("main")).not.toContainText("meet.example.fi");
    await expectAccessible(visitor, info);

    // The required question must be answered: the error is next to the field, the typed text kept.
    await registerOn(visitor, locale, eventPath, { name: "Aino", email: uniqueEmail(`aino-x-${tag}`), answers: ["", "Vegaani"] });
    await expect(visitor.getByRole("alert")).toContainText(
      T.errors.eventAnswerRequiredFor.replace("{{question}}", locale === "sv" ? "Behov av tillgänglighet?" : "Saavutettavuustarpeet?"),
    );
    await expect(visitor.locator('textarea[name^="answer-"]').nth(1)).toHaveValue("Vegaani");
    await expectAccessible(visitor, info);

    // Three register for two seats: the third is on the waitlist.
    const people = ["Aino", "Bertil", "Cecilia"].map((name) => ({
      name,
      email: uniqueEmail(`${name.toLowerCase()}-${tag}`),
      answers: [`Pyörätuoli ${name}`, "Gluteeniton"],
    }));
    const links: string[] = [];
    for (const p of people) {
      await registerOn(visitor, locale, eventPath, p);
      await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.registered);
      links.push(new URL(visitor.url()).pathname);
    }
    await expect(visitor.getByRole("main")).toContainText(E.registration.status.waitlisted.replace("{{position}}", "1"));
    await expectAccessible(visitor, info);
    // The same address again: a clear message.
    await registerOn(visitor, locale, eventPath, people[0] ?? { name: "", email: "" });
    await expect(visitor.getByRole("status")).toContainText(E.alreadyRegistered);

    // The organiser sees the answers, the required question first.
    await page.goto(eventPath.replace(/\/?$/, "") + (locale === "fi" ? "/osallistujat" : "/deltagare"));
    await expect(page.getByRole("main")).toContainText("Pyörätuoli Aino");
    await expect(page.getByRole("columnheader").filter({ hasText: "?" }).first()).toContainText(
      locale === "sv" ? "Behov av tillgänglighet?" : "Saavutettavuustarpeet?",
    );
    await expectAccessible(page, info);

    // Bertil sees his answers on his own page and deletes them; the registration stays.
    await visitor.goto(links[1] ?? "");
    await expect(visitor.getByRole("main")).toContainText("Pyörätuoli Bertil");
    await visitor.getByRole("button", { name: E.registration.eraseAnswers }).click();
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.answersErased);
    await expect(visitor.getByRole("main")).not.toContainText("Pyörätuoli Bertil");
    await expect(visitor.getByRole("main")).toContainText(E.registration.status.confirmed);

    // Aino cancels through her personal link; Cecilia gets the seat and the mail says so.
    await visitor.goto(links[0] ?? "");
    await expect(visitor.getByRole("main")).toContainText("meet.example.fi");
    await visitor.getByRole("button", { name: E.registration.cancel }).click();
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.cancelled);
    const promotedSubject = E.mail.promotedSubject.replace("{{title}}", locale === "sv" ? `Planeringsverkstad ${tag}` : title);
    const promotedLink = await mailLink(browser, baseURL ?? "", people[2]?.email ?? "", promotedSubject);
    expect(promotedLink).toBe(links[2]);
    await visitor.goto(promotedLink);
    await expect(visitor.getByRole("main")).toContainText(E.registration.status.confirmed);
    await visitorContext.close();
  });

  test(`a participant checks in with the code and gives anonymous feedback (${locale})`, async ({ page, browser, baseURL }, info) => {
    const tag = `${locale}-${info.project.name}-${Date.now().toString(36)}`;
    const title = `Hankekahvila ${tag}`;
    await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(pathTo("eventNew", locale));
    // Starts in 30 minutes (check-in opens an hour before); one session. The server's test clock
    // (playwright.config.ts) keeps both times on one Helsinki day.
    const start = helsinki(30);
    const end = helsinki(120);
    expect(end.day).toBe(start.day);
    await page.getByLabel(E.fields.type).selectOption("project_cafe");
    await page.getByLabel(E.form.titleFi).fill(title);
    await page.getByLabel(E.form.titleSv).fill(title);
    await page.getByLabel(E.form.sessionDate.replace("{{n}}", "1")).fill(start.day);
    await page.getByLabel(E.form.sessionStart.replace("{{n}}", "1")).fill(start.time);
    await page.getByLabel(E.form.sessionEnd.replace("{{n}}", "1")).fill(end.time);
    await page.getByLabel(E.fields.place, { exact: true }).fill("Kuopio");
    await page.getByLabel(E.fields.capacity, { exact: true }).fill("20");
    await page.getByRole("button", { name: E.form.save }).click();
    await expect(page.getByRole("status")).toHaveText(E.manage.notice.created);
    const code = (await page.locator(".attendance-code").textContent()) ?? "";
    const eventPath =
      (await page
        .getByRole("link", { name: new RegExp(tag) })
        .first()
        .getAttribute("href")) ?? "";

    const visitorContext = await browser.newContext({ baseURL });
    const visitor = await visitorContext.newPage();
    await registerOn(visitor, locale, eventPath, { name: "Pekka", email: uniqueEmail(`pekka-${tag}`) });
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.registered);
    await visitor.getByLabel(E.registration.code).fill("WRONG1");
    await visitor.getByRole("button", { name: E.registration.checkIn }).click();
    await expect(visitor.getByRole("alert")).toContainText(T.errors.eventCodeWrong);
    await expectAccessible(visitor, info);
    await visitor.getByLabel(E.registration.code).fill(code.toLowerCase());
    await visitor.getByRole("button", { name: E.registration.checkIn }).click();
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.checkedIn);
    await visitor.getByLabel(E.feedback.scale["4"]).check();
    await visitor.getByLabel(E.feedback.comment).fill("Hyödyllinen");
    await visitor.getByRole("button", { name: E.feedback.send }).click();
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.feedbackThanks);
    await expectAccessible(visitor, info);
    await visitorContext.close();

    // The organiser sees the attendance; one answer is not enough to show the results.
    await page.goto(eventPath.replace(/\/?$/, "") + (locale === "fi" ? "/osallistujat" : "/deltagare"));
    await expect(page.locator(`input[name="attended"]`).first()).toBeChecked();
    await expect(page.getByRole("main")).not.toContainText("Hyödyllinen");
    await expectAccessible(page, info);
    await page.goto(pathTo("eventsReach", locale));
    await expect(page.getByRole("main")).toContainText(title);
    await expectAccessible(page, info);
  });
}

for (const locale of ["fi", "sv"] as const) {
  const T = TEXT[locale];
  const E = T.events;

  test(`each session of a series has its own check-in code; the organiser marks sessions (${locale})`, async ({
    page,
    browser,
    baseURL,
  }, info) => {
    const tag = `${locale}-${info.project.name}-${Date.now().toString(36)}`;
    const title = `Valmennus ${tag}`;
    await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(pathTo("eventNew", locale));
    // Part 1 starts in 30 minutes by the server's (test) clock; part 2 a week later.
    const start = helsinki(30);
    const end = helsinki(120);
    expect(end.day).toBe(start.day);
    await page.getByLabel(E.fields.type).selectOption("coaching_session");
    await page.getByLabel(E.form.titleFi).fill(title);
    await page.getByLabel(E.form.titleSv).fill(title);
    await page.getByLabel(nth(E.form.sessionDate, 1)).fill(start.day);
    await page.getByLabel(nth(E.form.sessionStart, 1)).fill(start.time);
    await page.getByLabel(nth(E.form.sessionEnd, 1)).fill(end.time);
    await page.getByLabel(nth(E.form.sessionDate, 2)).fill(helsinki(7 * 1440).day);
    await page.getByLabel(nth(E.form.sessionStart, 2)).fill("9.00");
    await page.getByLabel(nth(E.form.sessionEnd, 2)).fill("12.00");
    await page.getByLabel(E.fields.place, { exact: true }).fill("Seinäjoki");
    await page.getByLabel(E.fields.capacity, { exact: true }).fill("10");
    await page.getByRole("button", { name: E.form.save }).click();
    await expect(page.getByRole("status")).toHaveText(E.manage.notice.created);
    await expect(page.locator(".attendance-code")).toHaveCount(2);
    const [code1 = "", code2 = ""] = await page.locator(".attendance-code").allTextContents();
    const managePath = new URL(page.url()).pathname;
    const eventPath =
      (await page
        .getByRole("link", { name: new RegExp(tag) })
        .first()
        .getAttribute("href")) ?? "";

    const visitorContext = await browser.newContext({ baseURL });
    const visitor = await visitorContext.newPage();
    await registerOn(visitor, locale, eventPath, { name: "Sanna", email: uniqueEmail(`sanna-${tag}`) });
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.registered);
    // Part 2's code is not open now.
    await visitor.getByLabel(E.registration.code).fill(code2);
    await visitor.getByRole("button", { name: E.registration.checkIn }).click();
    await expect(visitor.getByRole("alert")).toContainText(T.errors.eventCodeWrong);
    await visitor.getByLabel(E.registration.code).fill(code1);
    await visitor.getByRole("button", { name: E.registration.checkIn }).click();
    await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.checkedIn);
    await expect(visitor.locator(".session-list li").first()).toContainText(E.registration.attendedTag);
    await expect(visitor.locator(".session-list li").nth(1)).not.toContainText(E.registration.attendedTag);
    await expectAccessible(visitor, info);
    await visitorContext.close();

    // The organiser sees part 1 marked and marks part 2 by hand.
    await page.goto(managePath);
    const part = (n: number) => page.getByLabel(E.manage.attendedSessionOf.replace("{{name}}", "Sanna").replace("{{n}}", String(n)));
    await expect(part(1)).toBeChecked();
    await expect(part(2)).not.toBeChecked();
    await part(2).check();
    await page.getByRole("button", { name: E.manage.saveAttendance }).click();
    await expect(page.getByRole("status")).toHaveText(E.manage.notice.attendance);
    await expect(part(1)).toBeChecked();
    await expect(part(2)).toBeChecked();
    await expectAccessible(page, info);
    await page.goto(pathTo("eventsReach", locale));
    const row = page.getByRole("row").filter({ hasText: title });
    // events, registrations, confirmed, attended (people), attendances (sessions)
    await expect(row.getByRole("cell").nth(3)).toHaveText("1");
    await expect(row.getByRole("cell").nth(4)).toHaveText("2");
  });

  test(`the calendar pages a long list and keeps the filters in the page links (${locale})`, async ({ page }, info) => {
    const tag = `${locale}-${info.project.name}-${Date.now().toString(36)}`;
    await logIn(page, locale, E2E_ADMIN.email, E2E_ADMIN.password);
    // 51 national days on the theme of productisation, far ahead (after what other journeys create), through the form's POST.
    await page.goto(pathTo("eventNew", locale));
    const csrf = (await page.locator('input[name="_csrf"]').first().getAttribute("value")) ?? "";
    for (let i = 0; i < 51; i++) {
      const res = await page.request.post(pathTo("eventNew", locale), {
        form: {
          _csrf: csrf,
          type: "national_day",
          titleFi: `Sivutus ${tag} ${i}`,
          themes: "productisation",
          audience: "everyone",
          remote: "1",
          capacity: "100",
          session1Date: helsinki((400 + i) * 1440).day,
          session1Start: "10.00",
          session1End: "15.00",
        },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(303);
    }
    const visitor = page;
    await visitor.goto(pathTo("events", locale));
    await visitor.getByLabel(E.fields.type).selectOption("national_day");
    await visitor.getByLabel(E.fields.theme).selectOption("productisation");
    await visitor.getByRole("button", { name: E.filter }).click();
    await expect(visitor.locator("li.result")).toHaveCount(50);
    await expectAccessible(visitor, info);
    await visitor.getByRole("link", { name: E.nextPage }).click();
    const url = new URL(visitor.url());
    expect(url.searchParams.get("type")).toBe("national_day");
    expect(url.searchParams.get("theme")).toBe("productisation");
    expect(url.searchParams.get("page")).toBe("2");
    await expect(visitor.getByLabel(E.fields.type)).toHaveValue("national_day");
    await expect(visitor.getByRole("link", { name: E.previousPage })).toBeVisible();
    await expect(visitor.locator("li.result").first()).toBeVisible();
    await expectAccessible(visitor, info);
  });
}

test("English smoke: an event is created, a visitor registers and sees their registration (en)", async ({
  page,
  browser,
  baseURL,
}, info) => {
  const E = TEXT.en.events;
  const tag = `en-${info.project.name}-${Date.now().toString(36)}`;
  await logIn(page, "en", E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(pathTo("eventNew", "en"));
  await page.getByLabel(E.fields.type).selectOption("seminar");
  await page.getByLabel(E.form.titleFi).fill(`Seminaari ${tag}`);
  await page.getByLabel(E.form.titleEn).fill(`Seminar ${tag}`);
  await page.getByLabel(nth(E.form.sessionDate, 1)).fill(helsinki(3 * 1440).day);
  await page.getByLabel(nth(E.form.sessionStart, 1)).fill("13.00");
  await page.getByLabel(nth(E.form.sessionEnd, 1)).fill("16.00");
  await page.getByLabel(E.fields.place, { exact: true }).fill("Helsinki");
  await page.getByLabel(E.fields.capacity, { exact: true }).fill("30");
  await page.getByLabel(nth(E.form.questionFi, 1)).fill("Ruokavalio?");
  await page.getByLabel(nth(E.form.questionEn, 1)).fill("Dietary needs?");
  await page.getByRole("button", { name: E.form.save }).click();
  await expect(page.getByRole("status")).toHaveText(E.manage.notice.created);
  const eventPath =
    (await page
      .getByRole("link", { name: new RegExp(tag) })
      .first()
      .getAttribute("href")) ?? "";
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto(pathTo("events", "en"));
  await expect(visitor.getByRole("main")).toContainText(`Seminar ${tag}`);
  await registerOn(visitor, "en", eventPath, { name: "Alex", email: uniqueEmail(`alex-${tag}`), answers: ["Vegetarian"] });
  await expect(visitor.getByRole("status")).toHaveText(E.registration.notice.registered);
  await expect(visitor.getByRole("main")).toContainText("Dietary needs?");
  await expect(visitor.getByRole("main")).toContainText("Vegetarian");
  await expect(visitor.getByRole("main")).toContainText(E.registration.status.confirmed);
  await expectAccessible(visitor, info);
  await visitorContext.close();
});
