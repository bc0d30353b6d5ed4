import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, TEST_PASSWORD, type TestApp } from "../../../tests/helpers/test-app.ts";
import { sessions, users } from "../accounts/schema.ts";
import { auditLog } from "../audit/schema.ts";
import { eventAnswers, eventQuestions, eventRegistrations, events } from "../events/schema.ts";
import { projectInput } from "../projects/inputs.ts";
import { projectMembers } from "../projects/schema.ts";
import { saveProject } from "../projects/service.ts";
import { people, personProjectRoles } from "./schema.ts";

let t: TestApp;
let projectId = "";

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code: "S93001",
      programmeId: "esf-2014-2020-tl5",
      objectiveId: "esf-2014-2020-tl5:10.1",
      actionAreaId: "esf-2014-2020-tl5:discrimination-deprivation",
      scope: "regional",
      maakuntaCodes: ["11"],
      funderId: "stm",
      nameFi: "Poistohanke",
      summaryFi: "Hanke.",
      targetGroupIds: ["young-people"],
      lead: { name: "Poisto ry", type: "ngo", businessId: null },
      plannedStart: "2020-01-01",
      plannedEnd: "2022-12-31",
      status: "running",
      statusChangedOn: "2020-01-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  projectId = r.id;
});
afterAll(async () => t?.close());

async function eventWithRegistration(userId: string | null, email: string) {
  const [ev] = await t.database.db.select().from(events).limit(1);
  let eventId = ev?.id;
  if (!eventId) {
    const [created] = await t.database.db
      .insert(events)
      .values({
        type: "seminar",
        titleFi: "Seminaari",
        titleSv: "Seminarium",
        titleEn: "Seminar",
        audience: "open",
        capacity: 10,
        registrationDeadline: new Date("2026-12-01T10:00:00Z"),
        startsAt: new Date("2026-12-02T10:00:00Z"),
        endsAt: new Date("2026-12-02T12:00:00Z"),
      })
      .returning();
    eventId = created?.id;
  }
  const [reg] = await t.database.db
    .insert(eventRegistrations)
    .values({
      eventId: eventId ?? "",
      userId,
      name: "Erkki Erased",
      email,
      organisation: "Poisto ry",
      projectCode: "S93001",
      status: "confirmed",
    })
    .returning();
  const [question] = await t.database.db
    .insert(eventQuestions)
    .values({ eventId: eventId ?? "", ordinal: 1, textFi: "Ruokavalio", textSv: "Kost", textEn: "Diet" })
    .returning();
  await t.database.db.insert(eventAnswers).values({ registrationId: reg?.id ?? "", questionId: question?.id ?? "", answer: "gluteeniton" });
  return reg?.id ?? "";
}

describe("erasure closes the account", () => {
  it("ends sessions, anonymises the account, its entry and registrations, keeps records others need, audits; login is impossible", async () => {
    const u = await createUser(t, "project_member", { email: "erkki@example.fi", name: "Erkki Erased" });
    const agent = await loginAgent(t, u.email);
    const second = await loginAgent(t, u.email);
    await t.database.db.insert(projectMembers).values({ projectId, userId: u.id });
    const [person] = await t.database.db
      .insert(people)
      .values({
        name: "Erkki Erased",
        email: "erkki@example.fi",
        phone: "+358409990000",
        visibility: "public",
        consentOn: "2026-01-01",
        userId: u.id,
      })
      .returning();
    await t.database.db.insert(personProjectRoles).values({ personId: person?.id ?? "", projectId, role: "worker" });
    const regByUser = await eventWithRegistration(u.id, "other-address@example.fi");
    const regByEmail = await eventWithRegistration(null, "erkki@example.fi");

    await agent.get("/fi/omat-tiedot");
    const res = await agent.post("/fi/omat-tiedot/poista", { confirm: "yes" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/fi/omat-tiedot/poistettu");
    const done = await agent.get(res.headers.location as string);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("käyttäjätilisi suljettu");
    expect(done.body).not.toContain("Erkki");

    const [account] = await t.database.db.select().from(users).where(eq(users.id, u.id));
    expect(account).toMatchObject({ name: "", status: "disabled", passwordHash: null });
    expect(account?.email).not.toContain("erkki");
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
    expect(await t.database.db.select().from(projectMembers).where(eq(projectMembers.userId, u.id))).toHaveLength(0);
    // Both browsers are signed out; signing in again fails.
    expect((await second.get("/fi/omat-tiedot")).statusCode).toBe(401);
    const login = new Agent(t.app);
    await login.get("/fi/kirjaudu");
    const again = await login.post("/fi/kirjaudu", { email: "erkki@example.fi", password: TEST_PASSWORD });
    expect(again.statusCode).not.toBe(303);

    // The entry is anonymised (a project role refers to it), the registrations stay without personal data.
    const [entry] = await t.database.db
      .select()
      .from(people)
      .where(eq(people.id, person?.id ?? ""));
    expect(entry).toMatchObject({ name: null, email: null, phone: null, userId: null });
    for (const id of [regByUser, regByEmail]) {
      const [reg] = await t.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
      expect(reg).toMatchObject({ name: "", organisation: "", projectCode: null, userId: null, status: "confirmed" });
      expect(reg?.email).toBe(`erased-${id}`);
      expect(await t.database.db.select().from(eventAnswers).where(eq(eventAnswers.registrationId, id))).toEqual([]);
    }
    // Audit: what happened, never what was erased; earlier entries by the account stay.
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.actorUserId, u.id));
    const erase = entries.find((e) => e.action === "user.erase");
    expect(erase?.changes).toEqual({ closed: true, directoryEntry: "anonymised", registrationsAnonymised: 2 });
    expect(entries.map((e) => e.action)).toContain("person.erase");
    expect(JSON.stringify(entries)).not.toContain("erkki@example.fi");
    expect(JSON.stringify(entries)).not.toContain("358409990000");
  });

  it("a user without a directory entry can erase too: the account is closed", async () => {
    const u = await createUser(t, "researcher", { email: "tutkija-pois@example.fi" });
    const agent = await loginAgent(t, u.email);
    const page = await agent.get("/fi/omat-tiedot");
    expect(page.body).toContain("Poista tietoni ja sulje käyttäjätilini");
    expect((await agent.post("/fi/omat-tiedot/poista", { confirm: "yes" })).statusCode).toBe(303);
    const [account] = await t.database.db.select().from(users).where(eq(users.id, u.id));
    expect(account?.status).toBe("disabled");
  });

  it("the last active administrator cannot erase themselves (clear message, nothing changed); with a second one they can", async () => {
    const [existing] = await t.database.db.select().from(users).where(eq(users.role, "admin"));
    if (existing) await t.database.db.update(users).set({ status: "disabled" }).where(eq(users.role, "admin"));
    const admin = await createUser(t, "admin", { email: "ainoa-admin@example.fi" });
    const agent = await loginAgent(t, admin.email);
    await agent.get("/fi/omat-tiedot");
    const res = await agent.post("/fi/omat-tiedot/poista", { confirm: "yes" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Olet ainoa aktiivinen ylläpitäjä");
    expect(res.body).toContain("error-summary");
    const [still] = await t.database.db.select().from(users).where(eq(users.id, admin.id));
    expect(still).toMatchObject({ status: "active", email: "ainoa-admin@example.fi" });
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, admin.id))).not.toHaveLength(0);
    const sv = await agent.post("/sv/mina-uppgifter/radera", { confirm: "yes" });
    expect(sv.body).toContain("Du är den enda aktiva administratören");

    await createUser(t, "admin", { email: "toinen-admin@example.fi" });
    expect((await agent.post("/fi/omat-tiedot/poista", { confirm: "yes" })).statusCode).toBe(303);
    const [gone] = await t.database.db.select().from(users).where(eq(users.id, admin.id));
    expect(gone?.status).toBe("disabled");
    // In the administrators' user list the erased account has no name left, and says so.
    const other = await loginAgent(t, "toinen-admin@example.fi");
    const list = await other.get("/fi/hallinta/kayttajat");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/fi/hallinta/kayttajat/${admin.id}">Tiedot poistettu</a>`);
    expect(list.body).not.toContain("ainoa-admin@example.fi");
  });

  it("anonymous visitors are refused; the confirmation page is public in every language", async () => {
    const anon = new Agent(t.app);
    expect([401, 403]).toContain((await anon.post("/fi/omat-tiedot/poista", { confirm: "yes" })).statusCode);
    for (const url of ["/fi/omat-tiedot/poistettu", "/sv/mina-uppgifter/raderade", "/en/my-data/erased"])
      expect((await anon.get(url)).statusCode, url).toBe(200);
  });
});
