import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, createTestApp, createUser, loginAgent, type TestApp } from "../../../tests/helpers/test-app.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";
import { surveyResponses } from "./schema.ts";
import { openRound } from "./service.ts";

let t: TestApp;
const users: Record<string, string> = {};
const ROLLUP = "/fi/kyselytulokset";

/** `pairs` paired answers of a project (seven: enough for its row to show with k = 5). */
async function projectWithAnswers(code: string, nameFi: string, municipality: string, pairs = 7) {
  const r = await saveProject(
    t.database.db,
    null,
    projectInput.parse({
      code,
      programmeId: "esf-2014-2020-tl5",
      actionAreaId: "esf-2014-2020-tl5:youth",
      scope: "regional",
      nameFi,
      summaryFi: "Hanke kyselyn testiin.",
      municipalityCodes: [municipality],
      lead: { name: `${nameFi} ry`, type: "ngo", businessId: "" },
      status: "running",
      statusChangedOn: "2018-05-01",
    }),
    { today: "2026-11-25" },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const pre = await openRound(t.database.db, null, r.id, { opensOn: "2020-01-01", closesOn: "2020-12-31", anonymousLink: false });
  const post = await openRound(t.database.db, null, r.id, { opensOn: "2021-01-01", closesOn: "2021-12-31", anonymousLink: false });
  const rows = [];
  for (let i = 0; i < pairs; i++) {
    const respondent = `${code}X${i}`;
    rows.push({
      roundId: pre.id,
      code: respondent,
      answeredOn: "2020-06-01",
      source: "import",
      language: "fi",
      answers: [2, 2, 3, 2, 3, 2, 2, 3, 2, 2],
    });
    rows.push({
      roundId: post.id,
      code: respondent,
      answeredOn: "2021-06-01",
      source: "import",
      language: "fi",
      answers: [3, 4, 3, 4, 3, 4, 4, 3, 4, (i % 5) + 1],
    });
  }
  await t.database.db.insert(surveyResponses).values(rows);
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_AUTH_MAX: "10000" });
  for (const [key, role, areaId] of [
    ["admin", "admin", null],
    ["national", "national_coordinator", null],
    ["viewer", "ministry_viewer", null],
    ["east", "area_coordinator", "east"],
    ["north", "area_coordinator", "north"],
    ["member", "project_member", null],
    ["researcher", "researcher", null],
  ] as const) {
    users[key] = (await createUser(t, role, { areaId })).email;
  }
  const kuopio = await projectWithAnswers("S28101", "Kuopion olohuone", "297");
  // A later follow-up (the second): everyone answers 5 to everything.
  const third = await openRound(t.database.db, null, kuopio, { opensOn: "2022-01-01", closesOn: "2022-12-31", anonymousLink: false });
  await t.database.db.insert(surveyResponses).values(
    Array.from({ length: 7 }, (_, i) => ({
      roundId: third.id,
      code: `S28101X${i}`,
      answeredOn: "2022-06-01",
      source: "import",
      language: "fi",
      answers: [5, 5, 5, 5, 5, 5, 5, 5, 5, 5],
    })),
  );
  await projectWithAnswers("S28102", "Rovaniemen paja", "698");
  // A small project, alone in its area: its area is hidden (2 pairs), and the programme minus the
  // two other areas would give it away unless more is hidden.
  await projectWithAnswers("S28103", "Helsingin pieni paja", "091", 2);
});
afterAll(async () => t?.close());

const login = (key: string) => loginAgent(t, users[key] ?? "");

describe("who reads which pooled results (decision 12)", () => {
  it("anonymous 401; project members and researchers 403", async () => {
    expect((await new Agent(t.app).get(`${ROLLUP}?group=area:east`)).statusCode).toBe(401);
    for (const key of ["member", "researcher"]) {
      const a = await login(key);
      for (const group of ["area:east", "programme:esf-2014-2020-tl5", "actionArea:esf-2014-2020-tl5:youth"])
        expect((await a.get(`${ROLLUP}?group=${group}`)).statusCode, `${key} ${group}`).toBe(403);
    }
  });

  it("national coordinators, administrators and ministry viewers read every area and every project row", async () => {
    for (const key of ["national", "admin", "viewer"]) {
      const a = await login(key);
      for (const area of ["east", "north"]) expect((await a.get(`${ROLLUP}?group=area:${area}`)).statusCode, `${key} ${area}`).toBe(200);
      const programme = await a.get(`${ROLLUP}?group=programme:esf-2014-2020-tl5`);
      expect(programme.body).toContain("Kuopion olohuone");
      expect(programme.body).toContain("Rovaniemen paja");
      expect(programme.body).toContain('value="area:north"');
    }
  });

  it("an area coordinator reads their own area and the national roll-ups, never another area (403), in pages and exports", async () => {
    const east = await login("east");
    expect((await east.get(`${ROLLUP}?group=area:east`)).statusCode).toBe(200);
    for (const path of [ROLLUP, `${ROLLUP.replace("kyselytulokset", "kyselytulokset.csv")}`, "/fi/kyselytulokset.xlsx"])
      expect((await east.get(`${path}?group=area:north`)).statusCode, path).toBe(403);
    expect((await east.get("/sv/enkatresultat?group=area:north")).statusCode).toBe(403);
    const form = await east.get(ROLLUP);
    expect(form.body).toContain('value="area:east"');
    expect(form.body).not.toContain('value="area:north"');
    for (const group of ["programme:esf-2014-2020-tl5", "actionArea:esf-2014-2020-tl5:youth"]) {
      const page = await east.get(`${ROLLUP}?group=${group}`);
      expect(page.statusCode, group).toBe(200);
      // Their own area's project row, not the other area's.
      expect(page.body).toContain("Kuopion olohuone");
      expect(page.body).not.toContain("Rovaniemen paja");
      const csv = await east.get(`/fi/kyselytulokset.csv?group=${group}`);
      expect(csv.body).toContain("S28101");
      expect(csv.body).not.toContain("S28102");
    }
    const north = await login("north");
    expect((await north.get(`${ROLLUP}?group=area:north`)).statusCode).toBe(200);
    expect((await north.get(`${ROLLUP}?group=area:east`)).statusCode).toBe(403);
  });
});

describe("comparing later follow-ups", () => {
  const RESULTS = "/fi/hankkeet/S28101/kysely/tulokset";

  it("a project's results compare the start with the first follow-up by default and with a later one when chosen, saying which", async () => {
    const a = await login("national");
    const first = await a.get(RESULTS);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("Verrattu: alkukysely ja seurantakysely 1.");
    expect(first.body).toContain('name="followUp"');
    expect(first.body).not.toContain("5,00");
    const second = await a.get(`${RESULTS}?followUp=3`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain("Verrattu: alkukysely ja seurantakysely 2.");
    expect(second.body).toMatch(/<option value="3" selected/);
    expect(second.body).toContain("5,00");
    expect(second.body).toContain("tulokset.csv?followUp=3");
    const csv = await a.get(`${RESULTS.replace("tulokset", "tulokset.csv")}?followUp=3`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Seurantakysely 2");
    expect(csv.body).toMatch(/;5\r\n/); // the mean at the second follow-up
    for (const bad of ["1", "0", "x", "100", "-2", "2.5"]) expect((await a.get(`${RESULTS}?followUp=${bad}`)).statusCode, bad).toBe(400);
    // A follow-up no project has: no pairs, nothing shown, no error.
    expect((await a.get(`${RESULTS}?followUp=9`)).statusCode).toBe(200);
  });

  it("pooled views compare the chosen follow-up too; a group with only first follow-ups offers no choice", async () => {
    const a = await login("viewer");
    const programme = await a.get("/fi/kyselytulokset?group=programme:esf-2014-2020-tl5&followUp=3");
    expect(programme.statusCode).toBe(200);
    expect(programme.body).toContain("Verrattu: alkukysely ja seurantakysely 2.");
    expect(programme.body).toContain('name="group" value="programme:esf-2014-2020-tl5"');
    const csv = await a.get("/fi/kyselytulokset.csv?group=programme:esf-2014-2020-tl5&followUp=3");
    expect(csv.body).toContain("Seurantakysely 2");
    const north = await a.get("/fi/kyselytulokset?group=area:north");
    expect(north.body).toContain("Verrattu: alkukysely ja seurantakysely 1.");
    expect(north.body).not.toContain('name="followUp"');
    expect((await a.get("/fi/kyselytulokset?group=area:north&followUp=abc")).statusCode).toBe(400);
  });
});

describe("suppression across overlapping roll-ups in the views", () => {
  const pairsShown = (body: string) => {
    const m = /Pareja \(vastasi molempiin\)<\/th>\s*<td[^>]*>([^<]*)</.exec(body);
    return m ? /^\d+$/.test((m[1] ?? "").trim()) : false;
  };

  it("the small area's pairs cannot be worked out as the programme minus the other areas; every view applies it", async () => {
    const a = await login("national");
    const shown: Record<string, boolean> = {};
    for (const group of ["programme:esf-2014-2020-tl5", "area:east", "area:north", "area:south", "actionArea:esf-2014-2020-tl5:youth"]) {
      const page = await a.get(`${ROLLUP}?group=${group}`);
      expect(page.statusCode, group).toBe(200);
      shown[group] = pairsShown(page.body);
    }
    expect(shown["area:south"]).toBe(false);
    // programme = east + north + south: not all three of the others may be shown.
    expect(shown["programme:esf-2014-2020-tl5"] && shown["area:east"] && shown["area:north"]).toBe(false);
    // nor the action area (the same three projects) with both other areas.
    expect(shown["actionArea:esf-2014-2020-tl5:youth"] && shown["area:east"] && shown["area:north"]).toBe(false);
    // The exports say the same as the pages.
    const csv = await a.get("/fi/kyselytulokset.csv?group=area:south");
    expect(csv.body).toMatch(/Pareja \(vastasi molempiin\);piilotettu/);
  });
});
