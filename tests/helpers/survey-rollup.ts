import { projectInput } from "../../src/modules/projects/inputs.ts";
import { saveProject } from "../../src/modules/projects/service.ts";
import { surveyResponses } from "../../src/modules/surveys/schema.ts";
import { openRound } from "../../src/modules/surveys/service.ts";
import type { TestApp } from "./test-app.ts";

/** The programme roll-up page of the ESF programme. */
export const ROLLUP = "/fi/kyselytulokset?group=programme:esf-2014-2020-tl5";

/** The paired n a Finnish results page shows. */
export const pairedN = (body: string) => Number(/Pareja \(vastasi molempiin\)<\/th><td>(\d+)</.exec(body)?.[1]);

/**
 * Projects of the ESF programme with a start and a follow-up round each, and respondents who
 * answered both, for tests of the pooled results.
 */
export function surveyRollupFixture(app: () => TestApp) {
  const projects: { id: string; pre: string; post: string }[] = [];
  let next = 0;

  async function project(code: string, nameFi: string) {
    const db = app().database.db;
    const r = await saveProject(
      db,
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
    const pre = await openRound(db, null, r.id, { opensOn: "2020-01-01", closesOn: "2020-12-31", anonymousLink: false });
    const post = await openRound(db, null, r.id, { opensOn: "2021-01-01", closesOn: "2021-12-31", anonymousLink: false });
    projects.push({ id: r.id, pre: pre.id, post: post.id });
  }

  /** `n` new respondents answering both rounds of a project. */
  async function pairs(p: { pre: string; post: string }, n: number) {
    const rows = [];
    for (let i = 0; i < n; i++) {
      const code = `R${next++}`;
      const answer = { code, source: "import", language: "fi" } as const;
      rows.push({ ...answer, roundId: p.pre, answeredOn: "2020-06-01", answers: [2, 2, 3, 2, 3, 2, 2, 3, 2, 2] });
      rows.push({ ...answer, roundId: p.post, answeredOn: "2021-06-01", answers: [3, 4, 3, 4, 3, 4, 4, 3, 4, 3] });
    }
    await app().database.db.insert(surveyResponses).values(rows);
  }

  return { projects, project, pairs };
}
