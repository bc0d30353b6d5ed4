/**
 * Benchmark of the partner finder (issue 6): with 100,000 projects and 50,000 organisations, the
 * finder must answer in under 200 ms (p95) against PostgreSQL.
 *
 *   node --import tsx bench/seed-registry.ts --db=postgres --url=postgres://postgres@127.0.0.1:5432/sokra_bench_directory
 *   node --import tsx bench/partners.ts --url=postgres://postgres@127.0.0.1:5432/sokra_bench_directory [--n=300]
 *
 * It first tops the organisations up to 50,000 (the registry generator makes about 25,000; the extra
 * ones are plain directory organisations with valid business IDs), then runs two measurements with
 * the same deterministic list of requests (project codes with and without the two filters, and free
 * texts with target groups): (1) `findPartners` in-process, the database time of one answer, and
 * (2) the whole page over HTTP from the real app listening on 127.0.0.1, one request at a time.
 * Prints p50/p95/p99/max and the machine's load average (the machine is shared).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { partnerQuery } from "../src/modules/directory/inputs.ts";
import { findPartners } from "../src/modules/directory/partner-finder.ts";
import { businessIdCheckDigit } from "../src/modules/projects/business-id.ts";
import { conditions, DATABASE_OPTIONS } from "./common.ts";

const { values } = parseArgs({
  options: { ...DATABASE_OPTIONS, n: { type: "string", default: "300" }, port: { type: "string", default: "3304" } },
});
const n = Number(values.n);
const ORGANISATIONS = 50_000;

const database = await openDatabase({ databaseUrl: values.url, dataDir: "" });
const db = database.db;

// 1. Organisations up to 50,000.
const existing = Number(
  ((await db.execute(sql`select count(*)::int as count from organisations`)) as unknown as { rows: { count: number }[] }).rows[0]?.count ??
    0,
);
if (existing < ORGANISATIONS) {
  const rows: { name_fi: string; business_id: string; type: string }[] = [];
  for (let i = 0; rows.length < ORGANISATIONS - existing; i++) {
    const body = String(8_000_000 + i).padStart(7, "0");
    const check = businessIdCheckDigit(body);
    if (check === null) continue;
    rows.push({ name_fi: `Verkostoyhdistys ${i} ry`, business_id: `${body}-${check}`, type: i % 3 === 0 ? "company" : "ngo" });
  }
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    await db.execute(sql`insert into organisations (name_fi, business_id, type)
      select x.name_fi, x.business_id, x.type from json_to_recordset(${JSON.stringify(batch)}::json) as x(name_fi text, business_id text, type organisation_type)
      on conflict do nothing`);
  }
  await db.execute(sql`analyze organisations`);
}
const totals = (
  (await db.execute(
    sql`select (select count(*) from projects)::int as projects, (select count(*) from organisations)::int as organisations`,
  )) as unknown as {
    rows: { projects: number; organisations: number }[];
  }
).rows[0];
console.log(`data: ${totals?.projects} projects, ${totals?.organisations} organisations`);

// 2. The requests: every fifth a free text; the others a project code with the filters in turn.
const codes = (
  (await db.execute(sql`select code from projects order by md5(code) limit ${n}`)) as unknown as { rows: { code: string }[] }
).rows.map((r) => r.code);
const TEXTS = [
  ["nuorten työpajatoiminta ja vertaistuki", "young-people"],
  ["maahanmuuttajanaisten kielikurssit ja työelämä", "immigrants"],
  ["päihdekuntoutujien asumisen tuki", "substance-mental-health"],
  ["pitkäaikaistyöttömien terveystarkastukset", "long-term-unemployed"],
] as const;
const queries = codes.map((code, i): Record<string, string> => {
  if (i % 5 === 4) {
    const [text, tg] = TEXTS[i % TEXTS.length] ?? TEXTS[0];
    return { text, targetGroup: tg };
  }
  return { project: code, ...(i % 3 === 1 ? { otherAreas: "yes" } : {}), ...(i % 3 === 2 ? { running: "yes", otherAreas: "yes" } : {}) };
});

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms, max ${at(100).toFixed(1)} ms`;
};

// Warm-up (plans, caches), then in-process.
for (const q of queries.slice(0, 30)) await findPartners(db, partnerQuery.parse(q));
const load0 = os.loadavg()[0] ?? 0;
const inProcess: number[] = [];
let matches = 0;
for (const q of queries) {
  const t = performance.now();
  const r = await findPartners(db, partnerQuery.parse(q));
  inProcess.push(performance.now() - t);
  matches += r.matches.length;
}
console.log(
  `findPartners, ${queries.length} requests one at a time: ${stats(inProcess)} (avg ${(matches / queries.length).toFixed(1)} matches)`,
);

// 3. The page over HTTP.
const config = loadConfig({
  NODE_ENV: "production",
  DATABASE_URL: values.url,
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-00",
  LOG_LEVEL: "warn",
  BASE_URL: "http://127.0.0.1",
  MAIL_OUTBOX: "true",
});
const { app } = await buildApp({ config, database });
await app.listen({ host: "127.0.0.1", port: Number(values.port) });
const url = (q: Record<string, string>) => `http://127.0.0.1:${values.port}/fi/kumppanihaku?${new URLSearchParams(q)}`;
for (const q of queries.slice(0, 30)) await (await fetch(url(q))).text();
const overHttp: number[] = [];
let errors = 0;
for (const q of queries) {
  const t = performance.now();
  const res = await fetch(url(q));
  await res.text();
  overHttp.push(performance.now() - t);
  if (res.status !== 200) errors++;
}
const c = conditions();
console.log(`page /fi/kumppanihaku over HTTP, one at a time: ${stats(overHttp)}, ${errors} non-200`);
console.log(
  `${c.cores} cores (${c.cpu}), load average 1 min ${load0.toFixed(2)} → ${c.load1.toFixed(2)}, node ${c.node}, commit ${c.commit}`,
);
await app.close();
