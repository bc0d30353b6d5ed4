import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, linkFrom, loginAgent, TEST_PASSWORD, type TestApp } from "../../../tests/helpers/test-app.ts";
import { auditLog } from "../audit/schema.ts";
import { mailOutbox } from "../mail/schema.ts";
import { ROLES } from "./roles.ts";
import { invitations, passwordResets, sessions, users } from "./schema.ts";

let t: TestApp;
let adminEmail: string;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "1000" });
  adminEmail = (await createUser(t, "admin", { name: "Ada Admin" })).email;
});
afterAll(async () => t?.close());

/** Account mails are jobs of the queue (decision 13): run what is due, then read the outbox. */
async function latestMailTo(email: string) {
  await t.app.jobs.workOff();
  const [mail] = await t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  return mail;
}

async function mailCount(email: string) {
  await t.app.jobs.workOff();
  return (await t.database.db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.toAddress, email)))[0]?.n ?? 0;
}

describe("pages and layout", () => {
  it.each([
    ["/fi", "fi", "Sokra – sosiaalisen osallisuuden hankkeet yhdessä"],
    ["/sv", "sv", "Sokra – projekt för social delaktighet tillsammans"],
    ["/en", "en", "Sokra – social inclusion projects together"],
  ])("%s renders in its language with landmarks, skip link and attributions", async (url, lang, h1) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<html lang="${lang}">`);
    expect(res.body).toContain(`<h1>${h1}</h1>`);
    expect(res.body).toMatch(/<a class="skip-link" href="#main">/);
    expect(res.body).toContain("<header");
    expect(res.body).toContain('<main id="main"');
    expect(res.body).toContain("<footer");
    expect(res.body).toContain("CC BY 4.0");
    expect(res.body.match(/<h1>/g)).toHaveLength(1);
  });

  it("the language switch keeps the user on the same page", async () => {
    const res = await t.app.inject("/fi/saavutettavuusseloste");
    expect(res.body).toContain('href="/sv/tillganglighetsutlatande"');
    expect(res.body).toContain('href="/en/accessibility-statement"');
  });

  it("redirects / to the preferred language", async () => {
    expect((await t.app.inject("/")).headers.location).toBe("/fi");
    expect((await t.app.inject({ url: "/", headers: { "accept-language": "sv-FI" } })).headers.location).toBe("/sv");
  });

  it("sends security headers and a CSP without inline scripts", async () => {
    const res = await t.app.inject("/fi");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.body).not.toContain("<script");
  });

  it.each([
    ["/fi/ei-ole", "Sivua ei löytynyt"],
    ["/sv/finns-inte", "Sidan hittades inte"],
    ["/en/nothing-here", "Page not found"],
  ])("unknown %s gives a translated 404 page", async (url, text) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain(text);
  });

  it("an unexpected error gives a translated 500 page without a stack trace", async () => {
    const extra = await createTestApp();
    extra.app.get("/en/boom", async () => {
      throw new Error("secret internal detail");
    });
    const res = await extra.app.inject("/en/boom");
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain("Something went wrong");
    expect(res.body).not.toContain("secret internal detail");
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    await extra.close();
  });

  it("/healthz checks the database", async () => {
    const res = await t.app.inject("/healthz");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok" });
  });
});

describe("login and logout", () => {
  it("logs in with the right password, sets an HttpOnly SameSite session cookie and logs out", async () => {
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu");
    const res = await agent.post("/fi/kirjaudu", { email: adminEmail.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/oma-tili");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/sokra_session=[^;]+;.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const account = await agent.get("/fi/oma-tili");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Ada Admin");
    expect(account.body).toContain("Ylläpitäjä");

    const out = await agent.post("/fi/kirjaudu-ulos", {});
    expect(out.statusCode).toBe(303);
    expect((await agent.get("/fi/oma-tili")).statusCode).toBe(401);
  });

  it("logout deletes the session row", async () => {
    const user = await createUser(t, "researcher");
    const agent = await loginAgent(t, user.email);
    const before = (await t.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)))[0]?.n;
    expect(before).toBe(1);
    await agent.get("/fi");
    await agent.post("/fi/kirjaudu-ulos", {});
    const after = (await t.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)))[0]?.n;
    expect(after).toBe(0);
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu");
    const wrong = await agent.post("/fi/kirjaudu", { email: adminEmail, password: "wrong password!!" });
    const unknown = await agent.post("/fi/kirjaudu", { email: "nobody@example.fi", password: "wrong password!!" });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = "Sähköpostiosoite tai salasana on väärin";
    expect(wrong.body).toContain(message);
    expect(unknown.body).toContain(message);
    // What the user typed is kept, the password is not.
    expect(unknown.body).toContain('value="nobody@example.fi"');
    expect(unknown.body).not.toContain("wrong password!!");
  });

  it("shows field errors and an error summary for empty input, in Swedish", async () => {
    const agent = new Agent(t.app);
    await agent.get("/sv/logga-in");
    const res = await agent.post("/sv/logga-in", { email: "", password: "" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Rätta följande uppgifter");
    expect(res.body).toContain('href="#field-email"');
    expect(res.body).toContain("Skriv e-postadressen");
    expect(res.body).toContain("Skriv lösenordet");
    expect(res.body).toContain("<title>Fel: Logga in – Sokra</title>");
  });

  it("refuses a POST without the CSRF token and changes nothing", async () => {
    const agent = new Agent(t.app);
    await agent.get("/en/log-in");
    const res = await agent.post("/en/log-in", { email: adminEmail, password: TEST_PASSWORD }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("The form has expired");
    expect(agent.hasCookie("sokra_session")).toBe(false);
  });

  it("refuses a POST with a CSRF token from another browser", async () => {
    const other = new Agent(t.app);
    await other.get("/fi/kirjaudu");
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu");
    agent.csrf = other.csrf;
    const res = await agent.post("/fi/kirjaudu", { email: adminEmail, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
  });

  it("does not follow an off-site next parameter", async () => {
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu");
    const res = await agent.post("/fi/kirjaudu", { email: adminEmail, password: TEST_PASSWORD, next: "//evil.example/x" });
    expect(res.headers.location).toBe("/fi/oma-tili");
    const agent2 = new Agent(t.app);
    await agent2.get("/fi/kirjaudu");
    const res2 = await agent2.post("/fi/kirjaudu", { email: adminEmail, password: TEST_PASSWORD, next: "/fi/hallinta/kayttajat" });
    expect(res2.headers.location).toBe("/fi/hallinta/kayttajat");
  });

  it("a disabled user cannot log in", async () => {
    const user = await createUser(t, "researcher");
    await t.database.db.update(users).set({ status: "disabled" }).where(eq(users.id, user.id));
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu");
    expect((await agent.post("/fi/kirjaudu", { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it("rejects an oversized body with 413 and a translated page", async () => {
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu");
    const res = await agent.post("/fi/kirjaudu", { email: "a@b.fi", password: "x".repeat(200 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain("Lähetys on liian suuri");
  });
});

describe("password reset", () => {
  it("sends a one-time link that sets a new password, ends sessions and cannot be reused", async () => {
    const user = await createUser(t, "project_member", { name: "Pia Project" });
    const session = await loginAgent(t, user.email);

    const agent = new Agent(t.app);
    await agent.get("/en/forgot-password");
    const res = await agent.post("/en/forgot-password", { email: user.email });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/forgot-password?sent=1");
    const mail = await latestMailTo(user.email);
    expect(mail?.subject).toBe("Sokra: salasanan vaihtaminen"); // the user's own language (fi)
    const link = linkFrom(mail?.bodyText ?? "");
    expect(link).toMatch(/^\/fi\/uusi-salasana\/[A-Za-z0-9_-]{43}$/);

    const form = await agent.get(link);
    expect(form.statusCode).toBe(200);
    const mismatch = await agent.post(link, { password: "a brand new password", passwordConfirm: "something else" });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain("Salasanat eivät ole samat");

    const done = await agent.post(link, { password: "a brand new password", passwordConfirm: "a brand new password" });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/fi/kirjaudu?reset=1");

    // Old sessions end, the old password stops working and the new one works.
    expect((await session.get("/fi/oma-tili")).statusCode).toBe(401);
    const login = new Agent(t.app);
    await login.get("/fi/kirjaudu");
    expect((await login.post("/fi/kirjaudu", { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await login.post("/fi/kirjaudu", { email: user.email, password: "a brand new password" })).statusCode).toBe(303);

    // The link works only once.
    const again = await agent.get(link);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("Linkki ei ole enää voimassa");
    const reuse = await agent.post(link, { password: "another new password", passwordConfirm: "another new password" });
    expect(reuse.statusCode).toBe(410);

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.password-reset")));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("a brand new password");
  });

  it("an expired link is refused", async () => {
    const user = await createUser(t, "researcher");
    const agent = new Agent(t.app);
    await agent.get("/fi/salasana-unohtui");
    await agent.post("/fi/salasana-unohtui", { email: user.email });
    const link = linkFrom((await latestMailTo(user.email))?.bodyText ?? "");
    await t.database.db
      .update(passwordResets)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResets.userId, user.id));
    expect((await agent.get(link)).statusCode).toBe(410);
    const post = await agent.post(link, { password: "a brand new password", passwordConfirm: "a brand new password" });
    expect(post.statusCode).toBe(410);
  });

  it("answers the same for an unknown e-mail and sends nothing", async () => {
    const agent = new Agent(t.app);
    await agent.get("/fi/salasana-unohtui");
    const res = await agent.post("/fi/salasana-unohtui", { email: "nobody-here@example.fi" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/salasana-unohtui?sent=1");
    expect(await mailCount("nobody-here@example.fi")).toBe(0);
  });

  it("asks for a valid e-mail", async () => {
    const agent = new Agent(t.app);
    await agent.get("/fi/salasana-unohtui");
    const res = await agent.post("/fi/salasana-unohtui", { email: "not-an-email" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi");
    expect(res.body).toContain('value="not-an-email"');
  });

  it("a garbage token gives the invalid-link page, not a 500", async () => {
    const malformed = await t.app.inject("/fi/uusi-salasana/%00%ff");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain("Pyyntöä ei voitu käsitellä");
    expect((await t.app.inject("/fi/uusi-salasana/short")).statusCode).toBe(410);
  });
});

describe("invitations and user administration", () => {
  it("an administrator invites a user, who accepts, gets the role and is signed in", async () => {
    const admin = await loginAgent(t, adminEmail);
    const form = await admin.get("/fi/hallinta/kayttajat/kutsu");
    expect(form.statusCode).toBe(200);
    const res = await admin.post("/fi/hallinta/kayttajat/kutsu", {
      email: "Aino.Area@Example.fi",
      role: "area_coordinator",
      areaId: "north",
      locale: "sv",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/hallinta/kayttajat?invited=1");

    const mail = await latestMailTo("aino.area@example.fi");
    expect(mail?.subject).toBe("Inbjudan till Sokra");
    expect(mail?.bodyText).toContain("Områdeskoordinator");
    const link = linkFrom(mail?.bodyText ?? "");
    expect(link).toMatch(/^\/sv\/inbjudan\//);

    const invitee = new Agent(t.app);
    const page = await invitee.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("aino.area@example.fi");
    expect(page.body).toContain("Norra Finland");

    const bad = await invitee.post(link, { name: "", password: "short", passwordConfirm: "short" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv ditt namn");
    expect(bad.body).toContain("Lösenordet måste ha minst 12 tecken");

    const ok = await invitee.post(link, { name: "Aino Area", password: "northern lights 2026", passwordConfirm: "northern lights 2026" });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/sv/mitt-konto?welcome=1");
    const account = await invitee.get("/sv/mitt-konto?welcome=1");
    expect(account.body).toContain("Välkommen till Sokra, Aino Area!");
    expect(account.body).toContain("Områdeskoordinator");
    expect(account.body).toContain("Norra Finland");

    const [row] = await t.database.db.select().from(users).where(eq(users.email, "aino.area@example.fi"));
    expect(row).toMatchObject({ role: "area_coordinator", areaId: "north", name: "Aino Area", locale: "sv" });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);

    // The invitation cannot be used twice.
    expect((await new Agent(t.app).get(link)).statusCode).toBe(410);

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, row?.id ?? ""));
    expect(audit.map((a) => a.action)).toContain("user.create");
  });

  it("open invitations are listed and can be revoked, which kills the link", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/en/admin/users/invite");
    await admin.post("/en/admin/users/invite", { email: "revoke.me@example.fi", role: "researcher", locale: "en" });
    const link = linkFrom((await latestMailTo("revoke.me@example.fi"))?.bodyText ?? "");
    const list = await admin.get("/en/admin/users");
    expect(list.body).toContain("Open invitations");
    expect(list.body).toContain("revoke.me@example.fi");
    const [inv] = await t.database.db.select().from(invitations).where(eq(invitations.email, "revoke.me@example.fi"));
    expect(inv).toBeDefined();
    const revoke = await admin.post(`/en/admin/invitations/${inv?.id}/revoke`, {});
    expect(revoke.statusCode).toBe(303);
    expect(revoke.headers.location).toBe("/en/admin/users?revoked=1");
    const after = await admin.get("/en/admin/users?revoked=1");
    expect(after.body).toContain("The invitation has been revoked");
    expect(after.body).not.toContain("revoke.me@example.fi");
    expect((await new Agent(t.app).get(link)).statusCode).toBe(410);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, inv?.id ?? ""), eq(auditLog.action, "invitation.revoke")));
    expect(audit).toHaveLength(1);
  });

  it("only an administrator can revoke an invitation", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    await admin.post("/fi/hallinta/kayttajat/kutsu", { email: "keep.me@example.fi", role: "researcher", locale: "fi" });
    const [inv] = await t.database.db.select().from(invitations).where(eq(invitations.email, "keep.me@example.fi"));
    const coordinator = await loginAgent(t, (await createUser(t, "national_coordinator")).email);
    await coordinator.get("/fi/oma-tili");
    expect((await coordinator.post(`/fi/hallinta/kutsut/${inv?.id}/peru`, {})).statusCode).toBe(403);
    const anon = new Agent(t.app);
    await anon.get("/fi/kirjaudu");
    expect((await anon.post(`/fi/hallinta/kutsut/${inv?.id}/peru`, {})).statusCode).toBe(401);
    const link = linkFrom((await latestMailTo("keep.me@example.fi"))?.bodyText ?? "");
    expect((await new Agent(t.app).get(link)).statusCode).toBe(200);
    expect((await admin.post("/fi/hallinta/kutsut/not-a-uuid/peru", {})).statusCode).toBe(404);
  });

  it("an area coordinator needs an area, and an unknown area is refused", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/en/admin/users/invite");
    const noArea = await admin.post("/en/admin/users/invite", {
      email: "x1@example.fi",
      role: "area_coordinator",
      areaId: "",
      locale: "en",
    });
    expect(noArea.statusCode).toBe(400);
    expect(noArea.body).toContain("Choose a coordination area");
    expect(noArea.body).toContain('value="x1@example.fi"');
    const badArea = await admin.post("/en/admin/users/invite", {
      email: "x2@example.fi",
      role: "area_coordinator",
      areaId: "atlantis",
      locale: "en",
    });
    expect(badArea.statusCode).toBe(400);
    const badRole = await admin.post("/en/admin/users/invite", { email: "x3@example.fi", role: "emperor", locale: "en" });
    expect(badRole.statusCode).toBe(400);
    expect(await mailCount("x1@example.fi")).toBe(0);
    expect((await t.database.db.select({ n: count() }).from(invitations).where(eq(invitations.email, "x2@example.fi")))[0]?.n).toBe(0);
  });

  it("inviting an existing user's e-mail is refused", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    const res = await admin.post("/fi/hallinta/kayttajat/kutsu", { email: adminEmail, role: "researcher", locale: "fi" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Tällä sähköpostiosoitteella on jo käyttäjätili");
  });

  it("an administrator changes a role and the change is audited", async () => {
    const user = await createUser(t, "researcher");
    const admin = await loginAgent(t, adminEmail);
    const page = await admin.get(`/fi/hallinta/kayttajat/${user.id}`);
    expect(page.statusCode).toBe(200);
    const res = await admin.post(`/fi/hallinta/kayttajat/${user.id}`, { role: "ministry_viewer", areaId: "", status: "active" });
    expect(res.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.role).toBe("ministry_viewer");
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.update")));
    expect(audit?.changes).toEqual({ role: { from: "researcher", to: "ministry_viewer" } });
  });

  it("disabling a user ends their sessions", async () => {
    const user = await createUser(t, "researcher");
    const session = await loginAgent(t, user.email);
    const admin = await loginAgent(t, adminEmail);
    await admin.get(`/fi/hallinta/kayttajat/${user.id}`);
    expect((await t.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)))[0]?.n).toBe(1);
    await admin.post(`/fi/hallinta/kayttajat/${user.id}`, { role: "researcher", areaId: "", status: "disabled" });
    expect((await t.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)))[0]?.n).toBe(0);
    expect((await session.get("/fi/oma-tili")).statusCode).toBe(401);
  });

  it("the last active administrator cannot be demoted", async () => {
    const solo = await createTestApp();
    const only = await createUser(solo, "admin");
    const admin = await loginAgent(solo, only.email);
    await admin.get(`/fi/hallinta/kayttajat/${only.id}`);
    const res = await admin.post(`/fi/hallinta/kayttajat/${only.id}`, { role: "researcher", areaId: "", status: "active" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Sokralla on oltava ainakin yksi aktiivinen ylläpitäjä");
    const [row] = await solo.database.db.select().from(users).where(eq(users.id, only.id));
    expect(row?.role).toBe("admin");
    await solo.close();
  });

  it("an unknown or malformed user id gives 404", async () => {
    const admin = await loginAgent(t, adminEmail);
    expect((await admin.get("/fi/hallinta/kayttajat/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await admin.get("/fi/hallinta/kayttajat/not-a-uuid")).statusCode).toBe(404);
  });

  const adminPages = [
    ["GET", "/fi/hallinta/kayttajat"],
    ["GET", "/fi/hallinta/kayttajat/kutsu"],
    ["POST", "/fi/hallinta/kayttajat/kutsu"],
    ["GET", "/fi/hallinta/lahtevat-viestit"],
  ] as const;

  it.each(adminPages)("anonymous %s %s gets 401 with a login link", async (method, url) => {
    const agent = new Agent(t.app);
    await agent.get("/fi/kirjaudu"); // a page with a form, so the POST carries a valid CSRF token
    const res = method === "GET" ? await agent.get(url) : await agent.post(url, { email: "z@example.fi", role: "admin" });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("/fi/kirjaudu");
  });

  for (const role of ROLES.filter((r) => r !== "admin")) {
    it(`${role} is refused every administration page (403) and cannot invite`, async () => {
      const user = await createUser(t, role);
      const agent = await loginAgent(t, user.email);
      for (const [method, url] of adminPages) {
        const res =
          method === "GET" ? await agent.get(url) : await agent.post(url, { email: `by-${role}@example.fi`, role: "admin", locale: "fi" });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.body).toContain("Ei käyttöoikeutta");
      }
      const target = await createUser(t, "researcher");
      const change = await agent.post(`/fi/hallinta/kayttajat/${target.id}`, { role: "admin", areaId: "", status: "active" });
      expect(change.statusCode).toBe(403);
      const [row] = await t.database.db.select().from(users).where(eq(users.id, target.id));
      expect(row?.role).toBe("researcher");
      expect(await mailCount(`by-${role}@example.fi`)).toBe(0);
      // ...but they do see their own account page.
      expect((await agent.get("/fi/oma-tili")).statusCode).toBe(200);
    });
  }

  it("the administrator reads the outbox", async () => {
    const admin = await loginAgent(t, adminEmail);
    const res = await admin.get("/en/admin/outbox");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Outgoing messages");
    expect(res.body).toContain("Inbjudan till Sokra");
    // The mail keeps its own language on an English page.
    expect(res.body).toContain('<pre class="mail-body" lang="sv">');
  });
});

describe("rate limiting", () => {
  it("limits login attempts with a translated 429 page", async () => {
    const limited = await createTestApp({ RATE_LIMIT_AUTH_MAX: "3" });
    const agent = new Agent(limited.app);
    await agent.get("/en/log-in");
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await agent.post("/en/log-in", { email: "a@example.fi", password: "wrong password" })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const last = await agent.post("/en/log-in", { email: "a@example.fi", password: "wrong password" });
    expect(last.body).toContain("Too many attempts");
    await limited.close();
  });

  it("limits password reset requests", async () => {
    const limited = await createTestApp({ RATE_LIMIT_AUTH_MAX: "2" });
    const agent = new Agent(limited.app);
    await agent.get("/fi/salasana-unohtui");
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await agent.post("/fi/salasana-unohtui", { email: "a@example.fi" })).statusCode);
    expect(codes).toEqual([303, 303, 429]);
    await limited.close();
  });
});

describe("hardening", () => {
  it.each(["/\t/evil.example", "/%09/evil.example", "/fi/\n/x", "/fi/€", "https://evil.example/fi"])(
    "login never redirects off-site or fails on next=%j",
    async (next) => {
      const agent = new Agent(t.app);
      const page = await agent.get(`/fi/kirjaudu?next=${encodeURIComponent(next)}`);
      expect(page.statusCode).toBe(200);
      const res = await agent.post("/fi/kirjaudu", { email: adminEmail, password: TEST_PASSWORD, next });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/fi/oma-tili");
    },
  );

  it("logging in ends the session the browser had before", async () => {
    const user = await createUser(t, "researcher");
    const agent = await loginAgent(t, user.email);
    await agent.get("/fi/kirjaudu");
    await agent.post("/fi/kirjaudu", { email: user.email, password: TEST_PASSWORD });
    expect((await t.database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)))[0]?.n).toBe(1);
  });

  it("session cookies are Secure when Sokra is served over https", async () => {
    const https = await createTestApp({ BASE_URL: "https://sokra.example.fi" });
    const user = await createUser(https, "researcher");
    const agent = new Agent(https.app);
    await agent.get("/fi/kirjaudu");
    const res = await agent.post("/fi/kirjaudu", { email: user.email, password: TEST_PASSWORD });
    expect(String(res.headers["set-cookie"])).toMatch(/sokra_session=[^;]+;.*Secure/);
    expect(String(res.headers["strict-transport-security"])).toContain("max-age");
    await https.close();
  });

  it("a name with control characters is refused with a message, not a 500", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    await admin.post("/fi/hallinta/kayttajat/kutsu", { email: "nul.name@example.fi", role: "researcher", locale: "fi" });
    const link = linkFrom((await latestMailTo("nul.name@example.fi"))?.bodyText ?? "");
    const invitee = new Agent(t.app);
    await invitee.get(link);
    const res = await invitee.post(link, {
      name: "Nul\u0000Name",
      password: "long enough password",
      passwordConfirm: "long enough password",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Poista tekstistä näkymättömät erikoismerkit");
  });

  it("an invitation to an address that meanwhile got an account says so", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    await admin.post("/fi/hallinta/kayttajat/kutsu", { email: "twice@example.fi", role: "researcher", locale: "fi" });
    const link = linkFrom((await latestMailTo("twice@example.fi"))?.bodyText ?? "");
    await createUser(t, "researcher", { email: "twice@example.fi" });
    const invitee = new Agent(t.app);
    await invitee.get(link);
    const res = await invitee.post(link, { name: "Twice", password: "long enough password", passwordConfirm: "long enough password" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Osoitteella on jo käyttäjätili");
  });

  it("two acceptances of one invitation at the same moment create one account", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    await admin.post("/fi/hallinta/kayttajat/kutsu", { email: "race@example.fi", role: "researcher", locale: "fi" });
    const link = linkFrom((await latestMailTo("race@example.fi"))?.bodyText ?? "");
    const a = new Agent(t.app);
    const b = new Agent(t.app);
    await a.get(link);
    await b.get(link);
    const body = { name: "Race", password: "long enough password", passwordConfirm: "long enough password" };
    const codes = (await Promise.all([a.post(link, body), b.post(link, body)])).map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(303);
    expect([409, 410]).toContain(codes[1]);
    expect((await t.database.db.select({ n: count() }).from(users).where(eq(users.email, "race@example.fi")))[0]?.n).toBe(1);
  });

  it("two administrators demoting each other at once leave one administrator", async () => {
    const pair = await createTestApp();
    const a = await createUser(pair, "admin");
    const b = await createUser(pair, "admin");
    const agentA = await loginAgent(pair, a.email);
    const agentB = await loginAgent(pair, b.email);
    await agentA.get(`/fi/hallinta/kayttajat/${b.id}`);
    await agentB.get(`/fi/hallinta/kayttajat/${a.id}`);
    const demote = { role: "researcher", areaId: "", status: "active" };
    const codes = (
      await Promise.all([agentA.post(`/fi/hallinta/kayttajat/${b.id}`, demote), agentB.post(`/fi/hallinta/kayttajat/${a.id}`, demote)])
    )
      .map((r) => r.statusCode)
      .sort();
    // The second either lost its right before it started (403) or found itself the last admin (409).
    expect(codes[0]).toBe(303);
    expect([403, 409]).toContain(codes[1]);
    const admins = await pair.database.db
      .select()
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.status, "active")));
    expect(admins).toHaveLength(1);
    await pair.close();
  });

  it("inviting the same address again replaces the open invitation", async () => {
    const admin = await loginAgent(t, adminEmail);
    await admin.get("/fi/hallinta/kayttajat/kutsu");
    await admin.post("/fi/hallinta/kayttajat/kutsu", { email: "again@example.fi", role: "researcher", locale: "fi" });
    const first = linkFrom((await latestMailTo("again@example.fi"))?.bodyText ?? "");
    await admin.post("/fi/hallinta/kayttajat/kutsu", { email: "again@example.fi", role: "ministry_viewer", locale: "fi" });
    const second = linkFrom((await latestMailTo("again@example.fi"))?.bodyText ?? "");
    expect(second).not.toBe(first);
    expect((await new Agent(t.app).get(first)).statusCode).toBe(410);
    expect((await new Agent(t.app).get(second)).statusCode).toBe(200);
  });

  it("the user edit page is refused to anonymous users (401) and every other role (403)", async () => {
    const target = await createUser(t, "researcher");
    const url = `/fi/hallinta/kayttajat/${target.id}`;
    const anon = new Agent(t.app);
    await anon.get("/fi/kirjaudu");
    expect((await anon.get(url)).statusCode).toBe(401);
    expect((await anon.post(url, { role: "admin", areaId: "", status: "active" })).statusCode).toBe(401);
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const agent = await loginAgent(t, (await createUser(t, role)).email);
      expect((await agent.get(url)).statusCode, role).toBe(403);
      expect((await agent.post(`/fi/hallinta/kutsut/00000000-0000-4000-8000-000000000000/peru`, {})).statusCode, role).toBe(403);
    }
  });

  it("the rate limit counts a page once whatever its language", async () => {
    const limited = await createTestApp({ RATE_LIMIT_AUTH_MAX: "2" });
    const agent = new Agent(limited.app);
    await agent.get("/fi/kirjaudu");
    const codes: number[] = [];
    for (const url of ["/fi/kirjaudu", "/sv/logga-in", "/en/log-in"]) {
      codes.push((await agent.post(url, { email: "a@example.fi", password: "wrong password" })).statusCode);
    }
    expect(codes).toEqual([401, 401, 429]);
    await limited.close();
  });
});
