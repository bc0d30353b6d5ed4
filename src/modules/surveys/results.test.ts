import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareWithR, expected, readFixtureResponses } from "../../../tests/helpers/r-fixture.ts";
import { createTestApp, type TestApp } from "../../../tests/helpers/test-app.ts";
import { projectInput } from "../projects/inputs.ts";
import { saveProject } from "../projects/service.ts";
import { groupResults, visibility } from "./results.ts";
import { openRound, storeAnswer } from "./service.ts";

/**
 * The R fixture's answers go into the database through the product's own submission path
 * (storeAnswer, as the answer form uses it), and the results are read back from the database.
 */
let t: TestApp;
const projectIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  const rows = readFixtureResponses();
  const groups = [...new Set(rows.map((r) => r.group))];
  for (const code of groups) {
    const saved = await saveProject(
      t.database.db,
      null,
      projectInput.parse({
        code,
        programmeId: "esf-2014-2020-tl5",
        scope: "national",
        nameFi: `Testihanke ${code}`,
        summaryFi: "Synteettisen aineiston hanke.",
        lead: { name: "Testiyhdistys ry", type: "ngo", businessId: "" },
        status: "running",
        statusChangedOn: "2020-01-01",
      }),
      { today: "2026-11-25" },
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    projectIds.set(code, saved.id);
  }
  const rounds = new Map<string, string>();
  for (const [code, id] of projectIds) {
    const start = await openRound(t.database.db, null, id, { opensOn: "2025-01-01", closesOn: "2025-03-31", anonymousLink: false });
    const follow = await openRound(t.database.db, null, id, { opensOn: "2025-09-01", closesOn: "2025-10-31", anonymousLink: false });
    rounds.set(`${code}:pre`, start.id);
    rounds.set(`${code}:post`, follow.id);
  }
  for (const r of rows) {
    const ok = await storeAnswer(
      t.database.db,
      { roundId: rounds.get(`${r.group}:${r.round}`) as string, code: r.code },
      { answers: [...r.answers], background: {}, withWorker: false, language: "fi" },
      r.round === "pre" ? "2025-02-01" : "2025-10-01",
    );
    expect(ok).toBe(true);
  }
}, 120_000);
afterAll(async () => t?.close());

describe("results from the database agree with R", () => {
  it.each(expected.meta.group_order.filter((g) => g !== "ALL"))("project %s", async (code) => {
    const results = await groupResults(t.database.db, [projectIds.get(code) as string]);
    compareWithR(results.pooled.analysis, expected.groups[code] as Record<string, unknown>);
  });
  it("ALL pools every project's pairs", async () => {
    const results = await groupResults(t.database.db, [...projectIds.values()]);
    compareWithR(results.pooled.analysis, expected.groups.ALL as Record<string, unknown>);
    expect(results.perProject).toHaveLength(9);
  });
  it("suppression: projects with fewer than 5 pairs are hidden, with a complement", async () => {
    const results = await groupResults(t.database.db, [...projectIds.values()]);
    const vis = visibility(results, 5);
    const shown = (code: string) => vis.projects.get(projectIds.get(code) as string);
    // n_paired 1, 2 and 4 are hidden; together they hold 7 ≥ 5 respondents, so no further complement.
    expect([shown("S94906"), shown("S98314"), shown("S97298")]).toEqual([false, false, false]);
    expect([shown("S96000"), shown("S97054"), shown("S93838"), shown("S91104"), shown("S93860"), shown("S98665")]).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(vis.paired).toBe(true);
    const small = visibility(await groupResults(t.database.db, [projectIds.get("S97298") as string]), 5);
    expect(small.paired).toBe(false);
    expect(small.direction).toEqual([false, false, false]);
    // k = 3 is the floor: a configured 2 still hides the n = 2 project's pairs.
    expect(visibility(await groupResults(t.database.db, [projectIds.get("S98314") as string]), 2).paired).toBe(false);
  });
});
