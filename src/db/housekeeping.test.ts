import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, type TestApp } from "../../tests/helpers/test-app.ts";
import { invitations, passwordResets, sessions } from "../modules/accounts/schema.ts";
import { directoryImportRuns } from "../modules/directory/schema.ts";
import { mailOutbox } from "../modules/mail/schema.ts";
import { projectImportRuns } from "../modules/projects/schema.ts";
import { housekeeping, IMPORT_REPORT_KEEP_DAYS, KEEP_DAYS } from "./housekeeping.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const days = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000);

describe("housekeeping", () => {
  it("deletes expired sessions at once and old links, invitations, mails and import reports after their keeping times", async () => {
    const db = t.database.db;
    const user = await createUser(t, "researcher");
    await db.insert(sessions).values([
      { tokenHash: "s-live", userId: user.id, expiresAt: days(1) },
      { tokenHash: "s-dead", userId: user.id, expiresAt: days(-1) },
    ]);
    await db.insert(passwordResets).values([
      { tokenHash: "r-recent", userId: user.id, expiresAt: days(-1) },
      { tokenHash: "r-old", userId: user.id, expiresAt: days(-KEEP_DAYS - 1) },
    ]);
    await db.insert(invitations).values([
      { tokenHash: "i-open", email: "a@example.fi", role: "researcher", expiresAt: days(3) },
      { tokenHash: "i-old", email: "b@example.fi", role: "researcher", expiresAt: days(-KEEP_DAYS - 1) },
    ]);
    await db.insert(mailOutbox).values([
      { toAddress: "a@example.fi", subject: "new", bodyText: "x", createdAt: days(-1) },
      { toAddress: "b@example.fi", subject: "old", bodyText: "x", createdAt: days(-KEEP_DAYS - 1) },
    ]);
    const projectRun = { fileName: "p.csv", mode: "all_or_nothing", saved: true, report: [] } as const;
    const counts = { createdCount: 0, updatedCount: 0, unchangedCount: 0, rejectedCount: 0 };
    await db.insert(projectImportRuns).values([
      { ...projectRun, ...counts, createdBy: user.id, createdAt: days(-IMPORT_REPORT_KEEP_DAYS + 1) },
      { ...projectRun, ...counts, createdBy: user.id, createdAt: days(-IMPORT_REPORT_KEEP_DAYS - 1) },
    ]);
    const directoryRun = { fileName: "d.csv", kind: "people", mode: "skip_rejected", saved: true, report: [] } as const;
    await db.insert(directoryImportRuns).values([
      { ...directoryRun, createdAt: days(-IMPORT_REPORT_KEEP_DAYS + 1) },
      { ...directoryRun, createdAt: days(-IMPORT_REPORT_KEEP_DAYS - 1) },
    ]);
    const result = await housekeeping(db);
    expect(result).toEqual({ sessions: 1, passwordResets: 1, invitations: 1, outbox: 1, importReports: 2 });
    expect((await db.select({ n: count() }).from(projectImportRuns))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(directoryImportRuns))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(sessions))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(passwordResets))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(invitations))[0]?.n).toBe(1);
    expect((await db.select({ n: count() }).from(mailOutbox))[0]?.n).toBe(1);
    expect(await housekeeping(db)).toEqual({ sessions: 0, passwordResets: 0, invitations: 0, outbox: 0, importReports: 0 });
  });
});
