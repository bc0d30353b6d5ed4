/**
 * The search scenario without HTTP: runs searchProjects() for the benchmark's search URLs one
 * after another and prints how long each took and how many projects its text matched — to see
 * what the database costs per search and which queries are slow.
 *
 *   node --import tsx bench/profile-search.ts --db=postgres [--n=300] [--slowest=10]
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "../src/db/client.ts";
import { prefixQuery, searchParams, searchProjects } from "../src/modules/projects/search.ts";
import type { Locale } from "../src/web/locales.ts";
import { benchDb, DATABASE_OPTIONS } from "./common.ts";
import { requestPaths } from "./requests.ts";

const { values } = parseArgs({
  options: { ...DATABASE_OPTIONS, n: { type: "string", default: "300" }, slowest: { type: "string", default: "10" } },
});
const db = benchDb(values.db);
const database = await openDatabase(db === "postgres" ? { databaseUrl: values.url, dataDir: "" } : { dataDir: values.dir });
const paths = requestPaths("search", { count: 100_000 }).slice(0, Number(values.n));

/** How many projects the text alone matches (the rows every facet count has to look at). */
async function textMatches(q: string): Promise<number> {
  const prefix = prefixQuery(q);
  const r =
    await database.db.execute(sql`select count(*)::int as n from projects p where p.search_fi @@ websearch_to_tsquery('finnish', ${q})
    or p.search_sv @@ websearch_to_tsquery('swedish', ${q}) ${prefix ? sql`or p.search_fi @@ to_tsquery('simple', ${prefix}) or p.search_sv @@ to_tsquery('simple', ${prefix})` : sql``}
    or p.code = upper(${q}) or p.name_fi % ${q} or p.name_fi ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return Number((r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

const runs: { path: string; ms: number; total: number; matched: number }[] = [];
const matchedByQ = new Map<string, number>();
for (const path of paths) {
  const url = new URL(path, "http://x");
  const locale = url.pathname.split("/")[1] as Locale;
  const query: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k);
    query[k] = all.length > 1 ? all : (all[0] ?? "");
  }
  const params = searchParams.parse(query);
  const started = performance.now();
  const result = await searchProjects(database.db, params, locale);
  const ms = performance.now() - started;
  if (!matchedByQ.has(params.q)) matchedByQ.set(params.q, await textMatches(params.q));
  runs.push({ path, ms, total: result.total, matched: matchedByQ.get(params.q) ?? 0 });
}
await database.close();

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const ms = runs.map((r) => r.ms);
const matched = runs.map((r) => r.matched);
const totals = runs.map((r) => r.total);
console.log(`${runs.length} searches on ${db}, one at a time:`);
console.log(
  `  time per search: mean ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(1)} ms, p50 ${q(ms, 50).toFixed(1)}, p95 ${q(ms, 95).toFixed(1)}, max ${q(ms, 100).toFixed(1)}`,
);
console.log(`  projects matched by the text: p50 ${q(matched, 50)}, p90 ${q(matched, 90)}, max ${q(matched, 100)}`);
console.log(`  projects found (text and both facets): p50 ${q(totals, 50)}, p90 ${q(totals, 90)}, max ${q(totals, 100)}`);
console.log(`  slowest:`);
for (const r of [...runs].sort((a, b) => b.ms - a.ms).slice(0, Number(values.slowest))) {
  console.log(
    `    ${r.ms.toFixed(1).padStart(7)} ms  ${String(r.matched).padStart(6)} matched  ${String(r.total).padStart(6)} found  ${decodeURI(r.path)}`,
  );
}
