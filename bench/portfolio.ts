/**
 * Benchmark of the portfolio statistics at national-and-beyond scale: fills a fresh database with
 * N generated projects (default 100,000; each with 3 status changes, 1–4 areas, 1–2 target groups)
 * and times the page's aggregate queries and the whole page through app.inject().
 *
 *   node --import tsx bench/portfolio.ts                      # PGlite, in memory
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/portfolio.ts
 *   BENCH_PROJECTS=20000 …                                     # another size
 *
 * With BENCH_PG_URL a database `sokra_bench_portfolio_<random>` is created there and dropped at the end
 * (kept with BENCH_KEEP=1, to look at query plans).
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { prepareDatabase } from "../src/db/bootstrap.ts";
import { type Db, openDatabase } from "../src/db/client.ts";
import { portfolioCounts, portfolioTrend } from "../src/modules/projects/portfolio-queries.ts";

const N = Number(process.env.BENCH_PROJECTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const P = "esf-2014-2020-tl5";

/** Generates the projects with a few set-based statements (one per table), deterministic by row number. */
async function generate(db: Db, n: number): Promise<void> {
  await db.execute(sql`insert into organisations (name_fi, type)
    select 'Bench organisation ' || g, (enum_range(null::organisation_type))[1 + g % 7] from generate_series(1, 5000) g`);
  await db.execute(sql`insert into projects (code, programme_id, action_area_id, scope, name_fi, summary_fi, lead_organisation_id, status, planned_start)
    select 'B' || lpad(g::text, 7, '0'), ${P},
      case when g % 10 = 0 then null else (array[${`${P}:weakest-labour-market`}, ${`${P}:youth`}, ${`${P}:discrimination-deprivation`}, ${`${P}:citizen-led-urban`}])[1 + g % 4] end,
      (case when g % 12 = 0 then 'national' else 'local' end)::project_scope,
      'Vertailuhanke ' || g, 'Osallisuutta tukeva vertailuhanke numero ' || g,
      case when g % 50 = 0 then null else o.id end,
      'running', date '2014-01-01' + (g * 37 % 3000)
    from generate_series(1, ${n}) g
    left join (select id, row_number() over (order by id) as k from organisations) o on o.k = 1 + g % 5000`);
  await db.execute(sql`insert into project_areas (project_id, area_id)
    select p.id, a.id from projects p join areas a on a.structure_id = 'esf-2014-2020-coordination-areas'
    where p.code like 'B%' and (p.scope = 'national' or a.sort_order = substr(p.code, 2)::int % 4 or (substr(p.code, 2)::int % 7 = 0 and a.sort_order = (substr(p.code, 2)::int + 1) % 4))`);
  await db.execute(sql`insert into project_target_groups (project_id, target_group_id)
    select p.id, t.id from projects p join target_groups t on t.sort_order in (substr(p.code, 2)::int % 10, substr(p.code, 2)::int % 3)
    where p.code like 'B%'`);
  await db.execute(sql`insert into project_status_history (project_id, status, changed_on)
    select id, 'applied'::project_status, planned_start - 120 from projects where code like 'B%'
    union all select id, 'running', planned_start from projects where code like 'B%'
    union all select id, 'ended', planned_start + 365 + (substr(code, 2)::int % 730) from projects
      where code like 'B%' and planned_start + 365 + (substr(code, 2)::int % 730) < date '2026-11-25'`);
  await db.execute(sql`analyze`);
}

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(1);
  console.log(`| ${label} | ${at(0.5)} | ${at(0.95)} |`);
}

const serverUrl = process.env.BENCH_PG_URL;
let databaseUrl: string | undefined;
const name = `sokra_bench_portfolio_${randomBytes(4).toString("hex")}`;
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
}
const config = loadConfig({
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  DATA_DIR: ":memory:",
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let app: Awaited<ReturnType<typeof buildApp>>["app"] | undefined;
try {
  await prepareDatabase(database);
  const t0 = performance.now();
  await generate(database.db, N);
  const count = await database.db.execute(
    sql`select (select count(*) from projects)::int as p, (select count(*) from project_status_history)::int as h`,
  );
  console.log(
    `${database.kind}: generated ${JSON.stringify((count as unknown as { rows: unknown[] }).rows[0])} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const built = (await buildApp({ config, database })).app;
  app = built;
  console.log("| what | median ms | p95 ms |\n|---|---|---|");
  const none = { programme: null, area: null };
  await time("counts on 2019-01-31, no filter", () => portfolioCounts(database.db, "2019-01-31", none));
  await time("counts on 2019-01-31, programme + area", () => portfolioCounts(database.db, "2019-01-31", { programme: P, area: "east" }));
  await time("trends by year, no filter", () => portfolioTrend(database.db, none, 2026));
  await time("trends by year, area", () => portfolioTrend(database.db, { programme: null, area: "east" }, 2026));
  await time("whole page /fi/hankesalkku?date=31.1.2019", async () => {
    const res = await built.inject("/fi/hankesalkku?date=31.1.2019");
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  });
} finally {
  // Closing the app closes its database.
  if (app) await app.close();
  else await database.close();
  if (serverUrl && process.env.BENCH_KEEP) console.log(`kept database ${name}`);
  else if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
