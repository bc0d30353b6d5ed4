import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairedN, ROLLUP, surveyRollupFixture } from "../../../tests/helpers/survey-rollup.ts";
import { createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";

/**
 * Once the server listens, the programme roll-ups are computed in the background (decision 12), so
 * that the first view after a start finds a snapshot.
 */
let t: TestApp;
let admin = "";
const { projects, project, pairs } = surveyRollupFixture(() => t);

beforeAll(async () => {
  t = await createTestApp();
  admin = (await createUser(t, "admin")).email;
  await project("S39201", "Kajaanin olohuone");
  await project("S39202", "Porin paja");
  await pairs(projects[0] as (typeof projects)[number], 6);
  await pairs(projects[1] as (typeof projects)[number], 6);
});
afterAll(async () => t?.close());

describe("programme roll-ups warmed after a start", () => {
  it("are computed in the background once the server listens: the first view finds a snapshot", async () => {
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    // The warm-up runs as a background task started by the onListen hook.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.app.backgroundTasks.settled();
    await pairs(projects[0] as (typeof projects)[number], 2);
    const a = await loginAgent(t, admin);
    const first = await a.get(ROLLUP);
    expect(first.statusCode).toBe(200);
    // The snapshot computed before the new answers, shown at once and said to be recounted.
    expect(pairedN(first.body)).toBe(12);
    expect(first.body).toContain("uusia vastauksia lasketaan");
    const fresh = await a.get(ROLLUP);
    expect(pairedN(fresh.body)).toBe(14);
  });
});
