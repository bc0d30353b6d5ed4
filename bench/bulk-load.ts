/**
 * Writes generated projects fast — many rows per statement, one transaction per batch — but
 * exactly the rows that saveProject() (src/modules/projects/service.ts) followed by the demo
 * seed's history replacement would write: organisations matched or created by business ID (or by
 * name when there is none), the project row, what it serves, its derived coordination areas
 * (rules.deriveAreas over the programme's regional structure), target groups, co-implementers
 * (without the lead), the dated status history and the "project.create" audit entry.
 * tests/integration/bench-bulk-load.test.ts checks the equality against saveProject().
 */
import { eq, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "../src/db/client.ts";
import { organisations } from "../src/modules/organisations/schema.ts";
import { programmes } from "../src/modules/programmes/schema.ts";
import { prng } from "../src/modules/projects/demo-data.ts";
import type { ProjectInput } from "../src/modules/projects/inputs.ts";
import { deriveAreas, type StructureArea } from "../src/modules/projects/rules.ts";
import { projectColumns } from "../src/modules/projects/service.ts";
import { areaMaakunnat, areas, municipalities } from "../src/modules/regions/schema.ts";
import type { BenchProject } from "./registry-data.ts";

type Row = Record<string, unknown>;

/** A version-4 UUID from a seeded PRNG, so that the whole benchmark database is reproducible. */
function uuidSource(seed: number): () => string {
  const rand = prng(seed);
  const hex = (n: number) =>
    Math.floor(rand() * 16 ** n)
      .toString(16)
      .padStart(n, "0");
  return () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(rand() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
}

/** The values saveProject() writes for a new project, in its key order (the audit entry lists them). */
function projectValues(input: ProjectInput, leadId: string, isDemo: boolean, updatedAt: Date) {
  return {
    ...projectColumns(input, leadId),
    sourceUrl: null,
    status: input.status,
    isDemo,
    updatedAt,
  };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** insert into <table> (<columns>) select <columns> from json_populate_recordset(null::<table>, <rows>) */
async function insertRows(tx: Executor, table: string, rows: Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = sql.raw(
    Object.keys(first)
      .map((c) => `"${c}"`)
      .join(", "),
  );
  const query: SQL = sql`insert into ${sql.raw(`"${table}"`)} (${columns})
    select ${columns} from json_populate_recordset(null::${sql.raw(`"${table}"`)}, ${JSON.stringify(rows)}::json)`;
  await tx.execute(query);
}

export interface BulkLoadOptions {
  isDemo: boolean;
  /** Projects per transaction. */
  batchSize?: number;
  seed?: number;
  onBatch?: (done: number) => void;
}

/** Inserts the projects (which must not exist yet) in batches; returns how many. */
export async function bulkLoadProjects(db: Db, projects: readonly BenchProject[], options: BulkLoadOptions): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  const nextId = uuidSource(options.seed ?? 7);
  const municipalityMaakunta = new Map(
    (await db.select({ code: municipalities.code, maakunta: municipalities.maakuntaCode }).from(municipalities)).map((m) => [
      m.code,
      m.maakunta,
    ]),
  );
  const structures = new Map<string, StructureArea[]>();
  const structureOf = async (programmeId: string): Promise<StructureArea[]> => {
    const cached = structures.get(programmeId);
    if (cached) return cached;
    const [programme] = await db.select().from(programmes).where(eq(programmes.id, programmeId));
    if (!programme) throw new Error(`unknown programme ${programmeId}`);
    const rows = await db
      .select({ id: areas.id, code: areaMaakunnat.maakuntaCode })
      .from(areas)
      .innerJoin(areaMaakunnat, eq(areaMaakunnat.areaId, areas.id))
      .where(eq(areas.structureId, programme.regionalStructureId));
    const byArea = new Map<string, string[]>();
    for (const r of rows) byArea.set(r.id, [...(byArea.get(r.id) ?? []), r.code]);
    const structure = [...byArea].map(([id, maakuntaCodes]) => ({ id, maakuntaCodes }));
    structures.set(programmeId, structure);
    return structure;
  };

  // matchOrCreateOrganisation(): by business ID, or by lower-cased name among those without one.
  const orgKey = (o: { name: string; businessId: string | null }) => (o.businessId ? `id:${o.businessId}` : `name:${o.name.toLowerCase()}`);
  const orgIds = new Map<string, string>();
  for (const o of await db.select().from(organisations)) orgIds.set(orgKey({ name: o.nameFi, businessId: o.businessId }), o.id);

  let done = 0;
  for (let startAt = 0; startAt < projects.length; startAt += batchSize) {
    const batch = projects.slice(startAt, startAt + batchSize);
    const updatedAt = new Date();
    const rows: Record<string, Row[]> = {
      organisations: [],
      projects: [],
      project_municipalities: [],
      project_maakunnat: [],
      project_areas: [],
      project_target_groups: [],
      project_co_implementers: [],
      project_status_history: [],
      audit_log: [],
    };
    const push = (table: string, row: Row) => rows[table]?.push(row);
    const matchOrCreate = (o: ProjectInput["lead"]) => {
      const key = orgKey(o);
      let id = orgIds.get(key);
      if (!id) {
        id = nextId();
        orgIds.set(key, id);
        push("organisations", { id, name_fi: o.name, type: o.type, business_id: o.businessId });
      }
      return id;
    };
    for (const { input, history } of batch) {
      const id = nextId();
      const leadId = matchOrCreate(input.lead);
      const values = projectValues(input, leadId, options.isDemo, updatedAt);
      push("projects", { id, ...Object.fromEntries(Object.entries(values).map(([k, v]) => [snake(k), v])) });
      const municipalityCodes = [...new Set(input.municipalityCodes)];
      const maakuntaCodes = [...new Set(input.maakuntaCodes)];
      for (const c of municipalityCodes) push("project_municipalities", { project_id: id, municipality_code: c });
      for (const c of maakuntaCodes) push("project_maakunnat", { project_id: id, maakunta_code: c });
      const derived = deriveAreas(await structureOf(input.programmeId), {
        scope: input.scope,
        maakuntaCodes,
        municipalityMaakuntaCodes: municipalityCodes.map((c) => municipalityMaakunta.get(c) ?? ""),
      });
      for (const areaId of derived) push("project_areas", { project_id: id, area_id: areaId });
      for (const g of new Set(input.targetGroupIds)) push("project_target_groups", { project_id: id, target_group_id: g });
      const coIds = new Set(input.coImplementers.map(matchOrCreate));
      coIds.delete(leadId);
      for (const organisationId of coIds) push("project_co_implementers", { project_id: id, organisation_id: organisationId });
      for (const h of history)
        push("project_status_history", { project_id: id, status: h.status, changed_on: h.changedOn, changed_by: null });
      const { updatedAt: _, ...changes } = values;
      push("audit_log", {
        actor_user_id: null,
        action: "project.create",
        entity: "project",
        entity_id: id,
        changes: { ...changes, areas: derived },
      });
    }
    await db.transaction(async (tx) => {
      for (const [table, tableRows] of Object.entries(rows)) await insertRows(tx, table, tableRows);
    });
    done += batch.length;
    options.onBatch?.(done);
  }
  return done;
}
