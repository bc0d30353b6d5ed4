import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";
import { surveyResponses } from "./schema.ts";
import { openRound } from "./service.ts";

/**
 * Once the server listens, the programme roll-ups are computed in the background (decision 12), so
 * that the first view after a start finds a snapshot.
 */
let t: TestApp;
let admin = "";
const projects: { id: string; pre: string; post: string }[] = [];
const ROLLUP = "/fi/kyselytulokset?group=programme:esf-2014-2020-tl5";
let next = 0;

async function project(code: string, nameFi: string) {
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code,
      programmeId: "esf-2014-2020-tl5",
      scope: "national",
      nameFi,
      summaryFi: "Hanke kyselyn testiin.",
      lead: { name: `${nameFi} ry`, type: "ngo", businessId: "" },
      status: "running",
      statusChangedOn: "2018-05-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const pre = await openRound(t.database.db, null, r.id, { opensOn: "2020-01-01", closesOn: "2020-12-31", anonymousLink: false });
  const post = await openRound(t.database.db, null, r.id, { opensOn: "2021-01-01", closesOn: "2021-12-31", anonymousLink: false });
  projects.push({ id: r.id, pre: pre.id, post: post.id });
}

/** `n` new respondents answering both rounds of a project. */
async function pairs(p: { pre: string; post: string }, n: number) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const code = `R${next++}`;
    rows.push({
      roundId: p.pre,
      code,
      answeredOn: "2020-06-01",
      source: "import",
      language: "fi",
      answers: [2, 2, 3, 2, 3, 2, 2, 3, 2, 2],
    });
    rows.push({
      roundId: p.post,
      code,
      answeredOn: "2021-06-01",
      source: "import",
      language: "fi",
      answers: [3, 4, 3, 4, 3, 4, 4, 3, 4, 3],
    });
  }
  await t.database.db.insert(surveyResponses).values(rows);
}

const pairedN = (body: string) => Number(/Pareja \(vastasi molempiin\)<\/th><td>(\d+)</.exec(body)?.[1]);

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
