import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, type TestApp } from "../../../tests/helpers/test-app.ts";
import { eventRegistrations } from "./schema.ts";
import { cancelRegistration, createEvent, type EventDeps, register } from "./service.ts";

// Many registrations at the same moment, on PGlite and (with TEST_DATABASE_URL) on PostgreSQL,
// where they really run in parallel on the pool's connections and meet at the event row lock.
let t: TestApp;
let deps: EventDeps;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  deps = { db: t.database.db, secret: "s".repeat(40), baseUrl: "http://sokra.test" };
  adminId = (await createUser(t, "admin")).id;
});
afterAll(async () => t?.close());

function input(capacity: number) {
  const startsAt = new Date(Date.now() + 7 * 24 * 3600_000);
  return {
    type: "seminar" as const,
    titleFi: "Seminaari",
    titleSv: "Seminarium",
    titleEn: "Seminar",
    descriptionFi: "",
    descriptionSv: "",
    descriptionEn: "",
    themes: [],
    areaIds: [],
    audience: "everyone" as const,
    place: "Helsinki",
    remote: false,
    meetingUrl: null,
    capacity,
    registrationDeadline: startsAt,
    questions: [],
    sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }],
  };
}

const person = (i: number) => ({ name: `P${i}`, email: `p${i}@example.fi`, organisation: "Org", projectCode: null, answers: [] });

async function rows(eventId: string) {
  return t.database.db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.seq));
}

describe("registrations at the same moment", () => {
  it("40 at once to 10 seats: exactly 10 confirmed, 30 waitlisted in arrival order, no duplicates", async () => {
    const id = await createEvent(t.database.db, adminId, input(10));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => register(deps, id, person(i), { locale: "fi" })));
    expect(results.every((r) => r.ok)).toBe(true);
    const all = await rows(id);
    expect(all.filter((r) => r.status === "confirmed")).toHaveLength(10);
    expect(all.filter((r) => r.status === "waitlisted")).toHaveLength(30);
    // Arrival order (seq, taken under the lock) decides: the first 10 have the seats.
    expect(all.slice(0, 10).every((r) => r.status === "confirmed")).toBe(true);
    expect(new Set(all.map((r) => r.email)).size).toBe(40);

    // Cancelling 5 seats at once promotes exactly the next 5 in line.
    const confirmed = all.filter((r) => r.status === "confirmed").slice(0, 5);
    const waiting = all.filter((r) => r.status === "waitlisted");
    await Promise.all(confirmed.map((r) => cancelRegistration(deps, r.id)));
    const after = await rows(id);
    expect(after.filter((r) => r.status === "confirmed")).toHaveLength(10);
    const promoted = after.filter((r) => r.promotedAt !== null).map((r) => r.id);
    expect(promoted.sort()).toEqual(
      waiting
        .slice(0, 5)
        .map((r) => r.id)
        .sort(),
    );
  });

  it("the same e-mail five times at once: one registration", async () => {
    const id = await createEvent(t.database.db, adminId, input(10));
    const results = await Promise.all(Array.from({ length: 5 }, () => register(deps, id, person(99), { locale: "fi" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "alreadyRegistered")).toHaveLength(4);
    expect(await rows(id)).toHaveLength(1);
  });

  it("cancelling the same seat twice at once promotes one person, not two", async () => {
    const id = await createEvent(t.database.db, adminId, input(1));
    for (let i = 0; i < 3; i++) await register(deps, id, person(200 + i), { locale: "fi" });
    const [first] = await rows(id);
    const outcomes = await Promise.all([cancelRegistration(deps, first?.id ?? ""), cancelRegistration(deps, first?.id ?? "")]);
    expect(outcomes.sort()).toEqual(["already", "cancelled"]);
    expect((await rows(id)).map((r) => r.status)).toEqual(["cancelled", "confirmed", "waitlisted"]);
  });
});
