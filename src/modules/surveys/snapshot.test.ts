import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairedN, ROLLUP, surveyRollupFixture } from "../../../tests/helpers/survey-rollup.ts";
import { createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import type { Executor } from "../../db/client.ts";
import { groupResults, resultSnapshot } from "./results.ts";

/**
 * Roll-ups show the last snapshot while new answers are counted (stale-while-revalidate, decision
 * 12): at once, saying as of when; one recompute per view at a time; a failed recompute keeps the
 * old snapshot.
 */
let t: TestApp;
let admin = "";
const { projects, project, pairs } = surveyRollupFixture(() => t);

/** The database, with its transactions (one per computation) counted or made to fail. */
function wrapped(db: Executor, transaction: (real: () => Promise<unknown>) => Promise<unknown>) {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop === "transaction")
        return (...args: unknown[]) => transaction(() => (target.transaction as (...a: unknown[]) => Promise<unknown>)(...args));
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Executor;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = (await createUser(t, "admin")).email;
  await project("S39101", "Joensuun olohuone");
  await project("S39102", "Oulun paja");
  await project("S39103", "Turun paja");
  await pairs(projects[0] as (typeof projects)[number], 7);
  await pairs(projects[1] as (typeof projects)[number], 7);
  await pairs(projects[2] as (typeof projects)[number], 7);
});
afterAll(async () => t?.close());

describe("roll-up snapshots while answers arrive", () => {
  it("after a new answer the page shows the previous figures as of their time, then the new ones", async () => {
    const a = await loginAgent(t, admin);
    const first = await a.get(ROLLUP);
    expect(first.statusCode).toBe(200);
    expect(pairedN(first.body)).toBe(21);
    expect(first.body).toContain("Luvut tilanteessa");
    expect(first.body).not.toContain("uusia vastauksia lasketaan");

    await pairs(projects[0] as (typeof projects)[number], 3);
    const stale = await a.get(ROLLUP);
    expect(stale.statusCode).toBe(200);
    expect(pairedN(stale.body)).toBe(21);
    expect(stale.body).toMatch(/Luvut tilanteessa \d{1,2}\.\d{1,2}\.\d{4} klo \d{2}\.\d{2}; uusia vastauksia lasketaan parhaillaan\./);
    // The agent waits for the background work (as shutdown does): the recompute has finished.
    const fresh = await a.get(ROLLUP);
    expect(pairedN(fresh.body)).toBe(24);
    expect(fresh.body).not.toContain("uusia vastauksia lasketaan");

    // The exports say the same; in Swedish and English too.
    await pairs(projects[1] as (typeof projects)[number], 1);
    const csv = await a.get(ROLLUP.replace("kyselytulokset", "kyselytulokset.csv"));
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toMatch(
      /Lukujen laskenta;"Luvut tilanteessa \d{1,2}\.\d{1,2}\.\d{4} klo \d{2}\.\d{2}; uusia vastauksia lasketaan parhaillaan\."/,
    );
    expect(csv.body).toContain("uusia vastauksia lasketaan parhaillaan");
    expect(csv.body).toMatch(/Pareja \(vastasi molempiin\);24\r\n/);
    await pairs(projects[1] as (typeof projects)[number], 1);
    const sv = await a.get("/sv/enkatresultat?group=programme:esf-2014-2020-tl5");
    expect(sv.body).toContain("nya svar räknas som bäst");
    await pairs(projects[1] as (typeof projects)[number], 1);
    const en = await a.get("/en/survey-results?group=programme:esf-2014-2020-tl5");
    expect(en.body).toMatch(/Figures as of \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}; new answers are being counted\./);
  });

  it("many parallel views of a stale roll-up start one recompute (single flight)", async () => {
    const ids = projects.map((p) => p.id);
    let computations = 0;
    const db = wrapped(t.database.db, (real) => {
      computations++;
      return real();
    });
    const tasks: Promise<void>[] = [];
    const opts = { now: () => new Date(), background: (task: () => Promise<void>) => void tasks.push(task()) };
    const before = await resultSnapshot(db, ids, 2, 5, opts);
    await Promise.all(tasks);
    computations = 0;
    await pairs(projects[2] as (typeof projects)[number], 2);
    const views = await Promise.all(Array.from({ length: 20 }, () => resultSnapshot(db, ids, 2, 5, opts)));
    // Each view is the old snapshot (stale) or, for a request whose version query ended after the
    // recompute did, the new one: never a mixture.
    const n0 = before.results.pooled.analysis.n;
    expect(views.some((v) => v.stale)).toBe(true);
    for (const v of views) {
      if (v.stale) {
        expect(v.results.pooled.analysis.n).toBe(n0);
        expect(v.protection).toBe(before.protection);
      } else expect(v.results.pooled.analysis.n).toBe(n0 + 2);
    }
    await Promise.all(tasks);
    expect(computations).toBe(1);
    const after = await resultSnapshot(db, ids, 2, 5, opts);
    expect(after.stale).toBe(false);
    expect(after.results.pooled.analysis.n).toBe(before.results.pooled.analysis.n + 2);
    expect(computations).toBe(1);
  });

  it("a failed recompute keeps the old snapshot (results with their own suppression) and is logged, not thrown", async () => {
    const ids = projects.map((p) => p.id);
    const errors: unknown[] = [];
    const tasks: Promise<void>[] = [];
    const background = (task: () => Promise<void>) => void tasks.push(task().catch((err: unknown) => void errors.push(err)));
    const now = () => new Date();
    const good = await resultSnapshot(t.database.db, ids, 2, 5, { now, background });
    await Promise.all(tasks);
    await pairs(projects[0] as (typeof projects)[number], 1);
    const failing = wrapped(t.database.db, () => Promise.reject(new Error("database went away")));
    const stale = await resultSnapshot(failing, ids, 2, 5, { now, background });
    await Promise.all(tasks);
    expect(errors).toHaveLength(1);
    expect(stale.stale).toBe(true);
    expect(stale.results).toBe(good.results);
    expect(stale.protection).toBe(good.protection);
    const still = await resultSnapshot(failing, ids, 2, 5, { now, background });
    await Promise.all(tasks);
    expect(still.stale).toBe(true);
    expect(still.results).toBe(good.results);
    expect(still.computedAt).toEqual(good.computedAt);
    // Once the database answers again, the next view's recompute brings the new figures.
    await resultSnapshot(t.database.db, ids, 2, 5, { now, background });
    await Promise.all(tasks);
    const fresh = await resultSnapshot(t.database.db, ids, 2, 5, { now, background });
    expect(fresh.stale).toBe(false);
    expect(fresh.results.pooled.analysis.n).toBe(good.results.pooled.analysis.n + 1);
  });

  it("with no snapshot yet, the figures are computed at once", async () => {
    const ids = [projects[1]?.id as string];
    const tasks: Promise<void>[] = [];
    const view = await resultSnapshot(t.database.db, ids, 2, 5, { now: () => new Date(), background: (task) => void tasks.push(task()) });
    expect(view.stale).toBe(false);
    expect(tasks).toHaveLength(0);
    expect(view.results.pooled.analysis).toEqual((await groupResults(t.database.db, ids)).pooled.analysis);
  });
});
