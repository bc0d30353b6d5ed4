import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, type TestApp } from "../../../tests/helpers/test-app.ts";
import { mailOutbox } from "../mail/schema.ts";
import { scheduleEventJobs } from "./jobs.ts";
import { answersOf, questionsOf } from "./queries.ts";
import { eventRegistrations, events } from "./schema.ts";
import { cancelRegistration, createEvent, type EventDeps, register, updateEvent } from "./service.ts";

let t: TestApp;
let deps: EventDeps;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  deps = { db: t.database.db, secret: "k".repeat(40), baseUrl: "http://sokra.test" };
  adminId = (await createUser(t, "admin")).id;
});
afterAll(async () => t?.close());

const DAY = 86400_000;
function input(capacity: number, startsAt: Date, question = "") {
  return {
    type: "project_cafe" as const,
    titleFi: "Kahvila",
    titleSv: "Kafé",
    titleEn: "Café",
    descriptionFi: "",
    descriptionSv: "",
    descriptionEn: "",
    themes: [],
    areaIds: [],
    audience: "everyone" as const,
    place: "Turku",
    remote: false,
    meetingUrl: null,
    capacity,
    registrationDeadline: startsAt,
    questions: question ? [{ id: null, textFi: question, textSv: question, textEn: question, required: false }] : [],
    sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) }],
  };
}
const person = (email: string, questionId?: string) => ({
  name: email,
  email,
  organisation: "O",
  projectCode: null,
  answers: questionId ? [{ questionId, answer: "Allergia" }] : [],
});

describe("event jobs", () => {
  it("the reminder goes a day before to those still confirmed, not to the cancelled", async () => {
    const startsAt = new Date(Date.now() + 10 * DAY);
    const id = await createEvent(t.database.db, adminId, input(5, startsAt));
    const kept = await register(deps, id, person("kept@example.fi"), { locale: "sv" });
    const gone = await register(deps, id, person("gone@example.fi"), { locale: "fi" });
    if (!kept.ok || !gone.ok) throw new Error("not registered");
    await cancelRegistration(deps, gone.registrationId);
    await t.app.jobs.workOff(); // the confirmations now
    const subjects = async () => (await t.database.db.select().from(mailOutbox)).map((m) => `${m.toAddress}: ${m.subject}`);
    expect((await subjects()).filter((s) => s.includes("Påminnelse") || s.includes("Muistutus"))).toEqual([]);
    await t.app.jobs.workOff(new Date(startsAt.getTime() - DAY + 1000));
    await t.app.jobs.workOff(new Date(startsAt.getTime() - DAY + 2000)); // the mail job the reminder queued
    const reminders = (await subjects()).filter((s) => s.includes("Påminnelse") || s.includes("Muistutus"));
    expect(reminders).toEqual(["kept@example.fi: Påminnelse om morgondagen: Kafé"]);
  });

  it("a larger capacity promotes from the waitlist at once, in order", async () => {
    const startsAt = new Date(Date.now() + 10 * DAY);
    const id = await createEvent(t.database.db, adminId, input(1, startsAt));
    for (const e of ["w1@example.fi", "w2@example.fi", "w3@example.fi"]) await register(deps, id, person(e), { locale: "fi" });
    await updateEvent(deps, adminId, id, input(2, startsAt));
    const rows = await t.database.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, id))
      .orderBy(eventRegistrations.seq);
    expect(rows.map((r) => r.status)).toEqual(["confirmed", "confirmed", "waitlisted"]);
  });

  it("the recurring retention job deletes answers of events that ended over 30 days ago", async () => {
    const startsAt = new Date(Date.now() + 2 * DAY);
    const id = await createEvent(t.database.db, adminId, input(5, startsAt, "Ruokavalio?"));
    const [question] = await questionsOf(t.database.db, id);
    // Another event, still within its 30 days: its answers stay.
    const laterId = await createEvent(t.database.db, adminId, input(5, new Date(startsAt.getTime() + 5 * DAY), "Saavutettavuus?"));
    const [laterQuestion] = await questionsOf(t.database.db, laterId);
    await register(deps, id, person("answer@example.fi", question?.id), { locale: "fi" });
    await register(deps, id, person("answer2@example.fi", question?.id), { locale: "fi" });
    await register(deps, laterId, person("answer@example.fi", laterQuestion?.id), { locale: "fi" });
    await scheduleEventJobs(t.database.db);
    await scheduleEventJobs(t.database.db); // once, however many instances start
    await t.app.jobs.workOff(new Date(startsAt.getTime() + 29 * DAY));
    const answers = async (eventId: string) => [...(await answersOf(t.database.db, eventId)).values()].flatMap((m) => [...m.values()]);
    expect(await answers(id)).toEqual(["Allergia", "Allergia"]);
    await t.app.jobs.workOff(new Date(startsAt.getTime() + 31 * DAY));
    expect(await answers(id)).toEqual([]);
    expect(await answers(laterId)).toEqual(["Allergia"]);
    // The questions stay (for the reach figures' event list); only the answers are gone.
    expect(await questionsOf(t.database.db, id)).toHaveLength(1);
    const [ev] = await t.database.db.select().from(events).where(eq(events.id, id));
    expect(ev?.answersPurgedAt).not.toBeNull();
  });
});
