/**
 * Load benchmark of the registry against the real server (src/main.ts, production mode) on 127.0.0.1.
 *
 *   node --import tsx bench/registry.ts --db=postgres --scenario=search
 *   node --import tsx bench/registry.ts --db=pglite  --scenario=project
 *
 * Scenarios (comma-separated, default all): search (faceted search page: a text query and two
 * facets), project (a project page), api (JSON API /api/v1/projects?q=…; skipped and reported as
 * not measured while it answers 404). Each request takes the next URL of a deterministic list of
 * about a thousand (Finnish words, facet values, codes, languages), so no single cached answer
 * flatters the result. A warm-up run precedes every measured run. Fill the database first with
 * bench/seed-registry.ts. Prints a table and markdown rows for docs/benchmarks.md. With
 * --app-dir=<another checkout> that version of Sokra is started instead (same data, same requests).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openDatabase } from "../src/db/client.ts";
import { pathTo } from "../src/web/paths.ts";
import { benchDb, conditions, DATABASE_OPTIONS } from "./common.ts";
import { readSettings } from "./db-settings.ts";
import { BENCH_MAX_PROJECTS } from "./registry-data.ts";
import { requestPaths, SCENARIOS, type Scenario } from "./requests.ts";

/** The targets of issue 3 on PostgreSQL (requests per second; p95 in ms). */
const TARGETS: Partial<Record<Scenario, { rps: number; p95?: number }>> = { search: { rps: 300, p95: 150 }, project: { rps: 1500 } };

const { values } = parseArgs({
  options: {
    ...DATABASE_OPTIONS,
    scenario: { type: "string", default: SCENARIOS.join(",") },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    port: { type: "string", default: "3303" },
    count: { type: "string", default: String(BENCH_MAX_PROJECTS) },
    // Another checkout of Sokra to start instead of this one (to compare two versions on the same data).
    "app-dir": { type: "string" },
  },
});
const args = { ...values, db: benchDb(values.db) };
const scenarios = args.scenario.split(",").map((s) => {
  if (!SCENARIOS.includes(s as Scenario)) throw new Error(`unknown scenario ${s} (${SCENARIOS.join(", ")})`);
  return s as Scenario;
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const port = Number(args.port);
const count = Number(args.count);
const base = `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------
// The server under test

const root = resolve(args["app-dir"] ?? resolve(import.meta.dirname, ".."));

async function startServer(): Promise<ChildProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    BASE_URL: base,
    LOG_LEVEL: "silent",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    // Production refuses to start without SMTP_URL unless mails are kept in the outbox; no mail is sent here.
    MAIL_OUTBOX: "true",
    // The API's per-address limit (RATE_LIMIT_API_MAX) would answer 429 to a load generator: the
    // benchmark measures throughput, so the limit is lifted here.
    RATE_LIMIT_API_MAX: "1000000000",
    ...(args.db === "postgres" ? { DATABASE_URL: args.url } : { DATA_DIR: args.dir }),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error("the server did not start in 180 s");
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine (all processes, also other people's), from /proc/stat. */
function machineCpu(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const n = line.split(/\s+/).slice(1).map(Number);
    const idle = (n[3] ?? 0) + (n[4] ?? 0);
    const total = n.reduce((s, x) => s + x, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Measurement {
  scenario: Scenario;
  measured: boolean;
  note?: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  serverCpu: number | null;
  machineBusy: number | null;
  loadBefore: number;
  loadMax: number;
  loadAfter: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function load(list: string[], seconds: number, offset: number, onResponse?: (status: number, ms: number) => void) {
  let next = offset;
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          next = (next + 1) % list.length;
          return { ...req, path: list[next] };
        },
      },
    ],
  });
  if (onResponse) instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => onResponse(status, ms));
  return instance;
}

async function measure(scenario: Scenario, server: ChildProcess): Promise<Measurement> {
  const list = requestPaths(scenario, { count });
  const probe = await fetch(`${base}${list[0]}`);
  await probe.arrayBuffer();
  const loadBefore = os.loadavg()[0] ?? 0;
  const empty = { rps: 0, p50: 0, p95: 0, p99: 0, requests: 0, errors: 0, non2xx: 0, serverCpu: null, machineBusy: null };
  if (scenario === "api" && probe.status === 404) {
    return {
      scenario,
      measured: false,
      note: "not measured: /api/v1/projects answers 404",
      ...empty,
      loadBefore,
      loadMax: loadBefore,
      loadAfter: loadBefore,
    };
  }
  if (!probe.ok) throw new Error(`${scenario}: ${list[0]} answered ${probe.status}`);

  process.stdout.write(`${scenario}: warm-up ${warmup} s … `);
  await load(list, warmup, 500);
  await settle();
  process.stdout.write(`measuring ${duration} s … `);
  const latencies: number[] = [];
  let non2xx = 0;
  let loadMax = os.loadavg()[0] ?? 0;
  const sampler = setInterval(() => {
    loadMax = Math.max(loadMax, os.loadavg()[0] ?? 0);
  }, 1000);
  const cpu0 = cpuSeconds(server.pid);
  const machine0 = machineCpu();
  const started = performance.now();
  const result = await load(list, duration, 0, (status, ms) => {
    latencies.push(ms);
    if (status < 200 || status > 299) non2xx++;
  });
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const cpu1 = cpuSeconds(server.pid);
  const machine1 = machineCpu();
  latencies.sort((a, b) => a - b);
  console.log("done");
  return {
    scenario,
    measured: true,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: result.errors + result.timeouts,
    non2xx,
    serverCpu: cpu0 !== null && cpu1 !== null ? (100 * (cpu1 - cpu0)) / elapsed : null,
    machineBusy: machine0 && machine1 ? (100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total) : null,
    loadBefore,
    loadMax,
    loadAfter: os.loadavg()[0] ?? 0,
  };
}

/**
 * Waits until the server has worked off what the last run left queued (requests whose clients
 * are gone still run to the end), so that it does not slow down the next scenario.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const started = performance.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    if (performance.now() - started < 50) break;
  }
  await new Promise((r) => setTimeout(r, 2000));
}

/** How many projects the server's database holds (the unfiltered search count). */
async function projectCount(): Promise<string> {
  const html = await (await fetch(`${base}${pathTo("projects", "en")}`)).text();
  return /class="results-count"[^>]*>([^<]*)</.exec(html)?.[1]?.replace(/\D/g, "") ?? "?";
}

// ---------------------------------------------------------------------------------------------

const before = conditions(root);
console.log(
  `Sokra registry benchmark on ${args.db}: ${before.cores} cores (${before.cpu}), load average ${before.load1.toFixed(2)}, ` +
    `${connections} connections, ${duration} s after ${warmup} s warm-up, Node ${before.node}, commit ${before.commit}`,
);
const settingsDb = await openDatabase(args.db === "postgres" ? { databaseUrl: args.url, dataDir: "" } : { dataDir: args.dir });
const settings = await readSettings(settingsDb.db);
await settingsDb.close();
console.log(`database settings: ${settings}`);
const server = await startServer();
const results: Measurement[] = [];
let projects = "?";
try {
  projects = await projectCount();
  console.log(`server up on ${base}; ${projects} projects in the database`);
  for (const s of scenarios) {
    results.push(await measure(s, server));
    await settle();
  }
} finally {
  await stopServer(server);
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const pct = (n: number | null) => (n === null ? "?" : `${f0(n)} %`);
console.log("");
console.table(
  results.map((r) => ({
    scenario: r.scenario,
    "req/s": r.measured ? f0(r.rps) : r.note,
    "p50 ms": r.measured ? f1(r.p50) : "",
    "p95 ms": r.measured ? f1(r.p95) : "",
    "p99 ms": r.measured ? f1(r.p99) : "",
    requests: r.requests,
    "errors/non-2xx": `${r.errors}/${r.non2xx}`,
    "server CPU": pct(r.serverCpu),
    "machine CPU": pct(r.machineBusy),
    "load avg": `${r.loadBefore.toFixed(2)} → max ${r.loadMax.toFixed(2)}`,
  })),
);
for (const r of results) {
  const target = args.db === "postgres" ? TARGETS[r.scenario] : undefined;
  if (!r.measured || !target) continue;
  const ok = r.rps >= target.rps && (target.p95 === undefined || r.p95 < target.p95);
  console.log(`${r.scenario}: target ≥ ${target.rps} req/s${target.p95 ? ` with p95 < ${target.p95} ms` : ""} — ${ok ? "MET" : "NOT MET"}`);
}

const date = new Date().toISOString().slice(0, 10);
console.log("\nMarkdown rows for docs/benchmarks.md:\n");
console.log(
  "| date | database | scenario | projects | connections | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx | server CPU | machine CPU | cores, load avg 1 min (before → max) | settings | commit |",
);
console.log("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|---|");
for (const r of results) {
  const cells = r.measured
    ? [f0(r.rps), f1(r.p50), f1(r.p95), f1(r.p99), `${r.errors} / ${r.non2xx}`, pct(r.serverCpu), pct(r.machineBusy)]
    : [r.note ?? "not measured", "", "", "", "", "", ""];
  console.log(
    `| ${date} | ${args.db === "postgres" ? "PostgreSQL" : "PGlite"} | ${r.scenario} | ${projects} | ${connections} | ${cells.join(" | ")} | ` +
      `${before.cores}, ${r.loadBefore.toFixed(2)} → ${r.loadMax.toFixed(2)} | ${settings} | ${before.commit} |`,
  );
}
