import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { enqueue, JobQueue, retryDelayMs } from "./queue.ts";
import { jobs } from "./schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.database.db.delete(jobs);
});

const T0 = new Date("2026-12-01T10:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

describe("retryDelayMs", () => {
  it("doubles from 30 s and stops at an hour", () => {
    expect(retryDelayMs(0)).toBe(30_000);
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(120_000);
    expect(retryDelayMs(30)).toBe(3600_000);
  });
});

describe("the job queue", () => {
  it("runs due jobs in order, once, and deletes them", async () => {
    const seen: string[] = [];
    const q = new JobQueue(t.database.db, { note: async (p) => void seen.push(String(p.n)) });
    await enqueue(t.database.db, { type: "note", payload: { n: "b" }, runAt: later(-1000) });
    await enqueue(t.database.db, { type: "note", payload: { n: "a" }, runAt: later(-2000) });
    await enqueue(t.database.db, { type: "note", payload: { n: "future" }, runAt: later(60_000) });
    expect(await q.workOff(T0)).toBe(2);
    expect(seen).toEqual(["a", "b"]);
    expect(await q.workOff(T0)).toBe(0);
    expect(await t.database.db.select().from(jobs)).toHaveLength(1);
    expect(await q.workOff(later(60_000))).toBe(1);
    expect(seen).toEqual(["a", "b", "future"]);
    expect(await t.database.db.select().from(jobs)).toHaveLength(0);
  });

  it("retries a failing job with backoff and gives up after maxAttempts", async () => {
    let calls = 0;
    const q = new JobQueue(t.database.db, {
      flaky: async () => {
        calls++;
        throw new Error("smtp down");
      },
    });
    await enqueue(t.database.db, { type: "flaky", payload: {}, runAt: T0, maxAttempts: 3 });
    await q.workOff(T0);
    let [row] = await t.database.db.select().from(jobs);
    expect(row?.status).toBe("pending");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBe("smtp down");
    expect(row?.runAt.toISOString()).toBe(later(30_000).toISOString());
    expect(await q.workOff(later(29_000))).toBe(0);
    await q.workOff(later(30_000));
    await q.workOff(later(30_000 + 60_000));
    [row] = await t.database.db.select().from(jobs);
    expect(calls).toBe(3);
    expect(row?.status).toBe("failed");
    expect(await q.workOff(later(10 * 3600_000))).toBe(0);
  });

  it("a job of an unknown type fails instead of vanishing", async () => {
    const q = new JobQueue(t.database.db, {});
    await enqueue(t.database.db, { type: "nobody", payload: {}, runAt: T0, maxAttempts: 1 });
    await q.workOff(T0);
    const [row] = await t.database.db.select().from(jobs);
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain("no handler");
  });

  it("a keyed job exists once; a recurring job moves to its next run", async () => {
    let runs = 0;
    const q = new JobQueue(t.database.db, { tick: async () => void runs++ });
    await enqueue(t.database.db, { type: "tick", payload: {}, key: "tick", runAt: T0, repeatSeconds: 3600 });
    await enqueue(t.database.db, { type: "tick", payload: {}, key: "tick", runAt: T0, repeatSeconds: 3600 });
    expect(await t.database.db.select().from(jobs)).toHaveLength(1);
    await q.workOff(T0);
    const [row] = await t.database.db.select().from(jobs).where(eq(jobs.key, "tick"));
    expect(runs).toBe(1);
    expect(row?.runAt.toISOString()).toBe(later(3600_000).toISOString());
    await q.workOff(later(3600_000));
    expect(runs).toBe(2);
  });

  it("workers claiming at the same time never run a job twice", async () => {
    const seen: number[] = [];
    const handlers = {
      count: async (p: Record<string, unknown>) => {
        seen.push(Number(p.n));
        await new Promise((r) => setTimeout(r, 1));
      },
    };
    for (let n = 0; n < 60; n++) await enqueue(t.database.db, { type: "count", payload: { n }, runAt: T0 });
    const workers = Array.from({ length: 4 }, () => new JobQueue(t.database.db, handlers));
    await Promise.all(workers.map((w) => w.workOff(T0)));
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it("a crashed worker's claim runs out and the job runs again", async () => {
    const q = new JobQueue(t.database.db, { once: async () => {} }, { lockSeconds: 60 });
    await enqueue(t.database.db, { type: "once", payload: {}, runAt: T0 });
    await t.database.db.update(jobs).set({ lockedUntil: later(60_000), attempts: 1 });
    expect(await q.workOff(later(30_000))).toBe(0);
    expect(await q.workOff(later(61_000))).toBe(1);
  });
});
