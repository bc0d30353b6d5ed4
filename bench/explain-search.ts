/**
 * Shows how PostgreSQL (or PGlite) runs every query of one search: EXPLAIN ANALYZE of each
 * statement searchProjects() sends, with its time, for the query string given.
 *
 *   node --import tsx bench/explain-search.ts --db=postgres "q=nuoret&area=east&status=running" [--plans]
 *
 * Without --plans only the timings are printed. The server must not be running on a PGlite folder.
 */

import { parseArgs } from "node:util";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, openDatabase } from "../src/db/client.ts";
import { searchParams, searchProjects } from "../src/modules/projects/search.ts";
import { benchDb, DATABASE_OPTIONS } from "./common.ts";

const { values, positionals } = parseArgs({
  options: { ...DATABASE_OPTIONS, plans: { type: "boolean", default: false }, locale: { type: "string", default: "fi" } },
  allowPositionals: true,
});
const db = benchDb(values.db);
const database = await openDatabase(db === "postgres" ? { databaseUrl: values.url, dataDir: "" } : { dataDir: values.dir });
const locale = values.locale === "sv" || values.locale === "en" ? values.locale : "fi";

for (const query of positionals.length ? positionals : ["q=nuoret&area=east&status=running"]) {
  // As Fastify parses a query string: a repeated name becomes a list.
  const qs = new URLSearchParams(query);
  const params = searchParams.parse(Object.fromEntries([...qs.keys()].map((k) => [k, qs.getAll(k).length > 1 ? qs.getAll(k) : qs.get(k)])));
  const plans: { ms: number; plan: string }[] = [];
  // An executor that explains every statement before running it.
  const explaining = {
    execute: async (q: SQL) => {
      const result = (await database.db.execute(sql`explain (analyze, buffers) ${q}`)) as unknown as { rows: Record<string, string>[] };
      const plan = result.rows.map((r) => Object.values(r)[0]).join("\n");
      plans.push({ ms: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? Number.NaN), plan });
      return database.db.execute(q);
    },
  } as unknown as Executor;
  const started = performance.now();
  const result = await searchProjects(explaining, params, locale);
  const wall = performance.now() - started;
  console.log(
    `\n${query} (${locale}): ${result.total} hits; ${plans.length} statements, ${plans.reduce((s, p) => s + p.ms, 0).toFixed(1)} ms in the database (wall ${wall.toFixed(0)} ms with EXPLAIN)`,
  );
  for (const [i, p] of plans.entries()) {
    console.log(`  statement ${i + 1}: ${p.ms.toFixed(1)} ms`);
    if (values.plans) console.log(p.plan.replace(/^/gm, "    "));
  }
}
await database.close();
