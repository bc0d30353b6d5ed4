import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkLoadProjects } from "../../bench/bulk-load.ts";
import { type BenchProject, benchCode, generateBenchProjects } from "../../bench/registry-data.ts";
import type { Db } from "../../src/db/client.ts";
import { projectStatusHistory } from "../../src/modules/projects/schema.ts";
import { saveProject } from "../../src/modules/projects/service.ts";
import { maakunnat, municipalities } from "../../src/modules/regions/schema.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

// The benchmark fills the registry with many rows per statement; this checks that those are
// exactly the rows saveProject() (plus the demo seed's dated history) writes for the same input.

let viaService: TestApp;
let viaBulk: TestApp;
let projects: BenchProject[];

beforeAll(async () => {
  [viaService, viaBulk] = await Promise.all([createTestApp(), createTestApp()]);
  const db = viaService.database.db;
  const munis = (
    await db
      .select({
        code: municipalities.code,
        nameFi: municipalities.nameFi,
        nameSv: municipalities.nameSv,
        maakuntaCode: municipalities.maakuntaCode,
      })
      .from(municipalities)
  ).filter((m) => m.maakuntaCode !== "21");
  const mks = await db.select({ code: maakunnat.code, nameFi: maakunnat.nameFi, nameSv: maakunnat.nameSv }).from(maakunnat);
  projects = generateBenchProjects(munis, mks, 120);

  for (const { input, history } of projects) {
    const r = await saveProject(db, null, input, { today: "2026-06-30", isDemo: true });
    if (!r.ok) throw new Error(`${input.code}: ${JSON.stringify(r.errors)}`);
    await db.transaction(async (tx) => {
      await tx.delete(projectStatusHistory).where(eq(projectStatusHistory.projectId, r.id));
      await tx.insert(projectStatusHistory).values(history.map((h) => ({ projectId: r.id, status: h.status, changedOn: h.changedOn })));
    });
  }
  // Small batches, so that organisations are matched across batches too.
  await bulkLoadProjects(viaBulk.database.db, projects, { isDemo: true, batchSize: 25 });
}, 120_000);
afterAll(async () => Promise.all([viaService?.close(), viaBulk?.close()]));

type Row = Record<string, unknown>;
const rows = async (db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

/** Everything the registry holds, without generated ids and timestamps (organisations by business ID or name). */
async function dump(db: Db) {
  const link = (table: string, column: string) =>
    rows(
      db,
      sql`select p.code, t.${sql.raw(column)} as value from ${sql.raw(table)} t join projects p on p.id = t.project_id order by 1, 2`,
    );
  return {
    projects: await rows(
      db,
      sql`select p.*, o.business_id as lead_business_id, o.name_fi as lead_name, p.search_fi::text as search_fi, p.search_sv::text as search_sv
        from projects p join organisations o on o.id = p.lead_organisation_id order by p.code`,
    ).then((r) => r.map(({ id, created_at, updated_at, lead_organisation_id, ...rest }) => rest)),
    organisations: await rows(db, sql`select name_fi, name_sv, business_id, type::text from organisations order by name_fi`),
    municipalities: await link("project_municipalities", "municipality_code"),
    maakunnat: await link("project_maakunnat", "maakunta_code"),
    areas: await link("project_areas", "area_id"),
    targetGroups: await link("project_target_groups", "target_group_id"),
    coImplementers: await rows(
      db,
      sql`select p.code, o.name_fi from project_co_implementers c join projects p on p.id = c.project_id join organisations o on o.id = c.organisation_id order by 1, 2`,
    ),
    history: await rows(
      db,
      sql`select p.code, h.status::text, h.changed_on::text, h.changed_by from project_status_history h join projects p on p.id = h.project_id order by 1, 3, 2`,
    ),
    audit: await rows(
      db,
      sql`select p.code, a.actor_user_id, a.action, a.entity, a.changes - 'leadOrganisationId' as changes, o.name_fi as lead
        from audit_log a join projects p on p.id::text = a.entity_id join organisations o on o.id::text = a.changes->>'leadOrganisationId'
        order by p.code`,
    ),
  };
}

describe("benchmark bulk load", () => {
  it("writes exactly the rows saveProject writes, for every table of the registry", async () => {
    const [expected, actual] = await Promise.all([dump(viaService.database.db), dump(viaBulk.database.db)]);
    expect(expected.projects).toHaveLength(120);
    expect(expected.audit).toHaveLength(120);
    // The generated data has variety where the rules have branches.
    expect(expected.coImplementers.length).toBeGreaterThan(0);
    expect(expected.maakunnat.length).toBeGreaterThan(0);
    expect(new Set(expected.history.map((h) => h.status))).toEqual(
      new Set(["idea", "planning", "applied", "running", "ended", "embedded"]),
    );
    expect(actual).toEqual(expected);
  });

  it("is deterministic and gives unique EURA codes", () => {
    expect(new Set(projects.map((p) => p.input.code)).size).toBe(projects.length);
    expect(projects.map((p) => p.input.code)).toEqual(projects.map((_, i) => benchCode(i)));
    for (const p of projects) expect(p.input.code).toMatch(/^S\d{5}$/);
  });
});
