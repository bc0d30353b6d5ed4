/**
 * Creates a fresh benchmark database and fills the registry with generated projects.
 *
 *   node --import tsx bench/seed-registry.ts --db=postgres [--count=100000] [--url=postgres://postgres@127.0.0.1:5432/sokra_bench]
 *   node --import tsx bench/seed-registry.ts --db=pglite   [--count=100000] [--dir=/tmp/sokra-bench-pglite]
 *   … --settings=proposed   with the PostgreSQL settings proposed in docs/benchmarks.md (bench/db-settings.ts)
 *   … --drop   drops the benchmark database (or removes the PGlite folder) and does nothing else
 *
 * The database is always created anew (dropped first when it exists): the numbers must not depend
 * on what an earlier run left behind.
 */
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { prepareDatabase } from "../src/db/bootstrap.ts";
import { openDatabase } from "../src/db/client.ts";
import { maakunnat, municipalities } from "../src/modules/regions/schema.ts";
import { bulkLoadProjects } from "./bulk-load.ts";
import { benchDb, conditions, DATABASE_OPTIONS, seconds, serverUrl } from "./common.ts";
import { applySettings, readSettings, SETTINGS, type Settings } from "./db-settings.ts";
import { BENCH_MAX_PROJECTS, generateBenchProjects } from "./registry-data.ts";

const { values } = parseArgs({
  options: {
    ...DATABASE_OPTIONS,
    count: { type: "string", default: String(BENCH_MAX_PROJECTS) },
    drop: { type: "boolean", default: false },
    settings: { type: "string", default: "default" },
  },
});
const args = { ...values, db: benchDb(values.db) };
if (!SETTINGS.includes(args.settings as Settings)) throw new Error(`--settings must be ${SETTINGS.join(" or ")}`);
const count = Number(args.count);
if (!Number.isInteger(count) || count < 1 || count > BENCH_MAX_PROJECTS) throw new Error(`--count must be 1…${BENCH_MAX_PROJECTS}`);

async function adminQuery(text: string) {
  const { server } = serverUrl(args.url);
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const { name } = args.db === "postgres" ? serverUrl(args.url) : { name: "" };
if (args.db === "postgres") await adminQuery(`drop database if exists ${name} with (force)`);
else rmSync(args.dir, { recursive: true, force: true });
if (args.drop) {
  console.log(args.db === "postgres" ? `Dropped database ${name}.` : `Removed ${args.dir}.`);
  process.exit(0);
}
if (args.db === "postgres") await adminQuery(`create database ${name}`);

const started = performance.now();
const database = await openDatabase(args.db === "postgres" ? { databaseUrl: args.url, dataDir: "" } : { dataDir: args.dir });
await prepareDatabase(database);
const db = database.db;
console.log(`${args.db}: migrated and reference data loaded in ${seconds(performance.now() - started)}`);

let t = performance.now();
const munis = (
  await db
    .select({
      code: municipalities.code,
      nameFi: municipalities.nameFi,
      nameSv: municipalities.nameSv,
      maakuntaCode: municipalities.maakuntaCode,
    })
    .from(municipalities)
).filter((m) => m.maakuntaCode !== "21"); // Åland is outside the mainland programme
const mks = await db.select({ code: maakunnat.code, nameFi: maakunnat.nameFi, nameSv: maakunnat.nameSv }).from(maakunnat);
const projects = generateBenchProjects(munis, mks, count);
console.log(`generated ${projects.length} projects (validated with projectInput) in ${seconds(performance.now() - t)}`);

t = performance.now();
await bulkLoadProjects(db, projects, {
  isDemo: true,
  onBatch: (done) => {
    if (done % 10_000 === 0 || done === projects.length) console.log(`  ${done} projects written (${seconds(performance.now() - t)})`);
  },
});
const loadMs = performance.now() - t;

t = performance.now();
await db.execute(sql`vacuum analyze`);
console.log(`vacuum analyze in ${seconds(performance.now() - t)}`);
await applySettings(db, args.settings as Settings, args.db);

const counts = (
  (await db.execute(sql`select
    (select count(*) from projects)::int as projects,
    (select count(*) from organisations)::int as organisations,
    (select count(*) from project_areas)::int as project_areas,
    (select count(*) from project_municipalities)::int as project_municipalities,
    (select count(*) from project_maakunnat)::int as project_maakunnat,
    (select count(*) from project_target_groups)::int as project_target_groups,
    (select count(*) from project_co_implementers)::int as project_co_implementers,
    (select count(*) from project_status_history)::int as project_status_history,
    (select count(*) from audit_log)::int as audit_log,
    pg_size_pretty(pg_database_size(current_database())) as size`)) as unknown as { rows: Record<string, unknown>[] }
).rows[0];
await database.close();
const c = conditions();
console.log(counts);
const reopened = await openDatabase(args.db === "postgres" ? { databaseUrl: args.url, dataDir: "" } : { dataDir: args.dir });
console.log(`settings (${args.settings}): ${await readSettings(reopened.db)}`);
await reopened.close();
console.log(
  `\n${args.db}: ${count} projects loaded in ${seconds(loadMs)}; total ${seconds(performance.now() - started)} ` +
    `(${c.cores} cores, load average ${c.load1.toFixed(2)} at the end)`,
);
