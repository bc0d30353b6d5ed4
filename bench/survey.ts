/**
 * The participant survey under load (issue 4), against the real server (src/main.ts, production
 * mode) and PostgreSQL on 127.0.0.1.
 *
 *   node --import tsx bench/survey.ts [--connections=100] [--duration=30] [--warmup=5] [--answers=250000]
 *
 * 1. A fresh database `sokra_bench_survey`: the reference data, 300 projects of the ESF programme
 *    (bench/bulk-load.ts), a start round open today and a follow-up round opening later for each,
 *    and `--answers` answers seeded with bulk SQL into the two rounds (paired codes, a few items
 *    left unanswered), then `vacuum analyze`.
 * 2. Submissions: 100 clients (autocannon connections), each with its own respondent codes
 *    (issued into `survey_codes` as a batch, as the code cards are). Every request is the POST a
 *    phone sends from the answer form: all ten items and the four background questions, with the
 *    client's CSRF cookie and token, which each client took from the form page (GET, not timed).
 *    A warm-up run precedes the measured run, with codes of its own. Checked afterwards from the
 *    database: every 303 is one stored row (no answer lost, none stored twice), no other status.
 *    The per-address limit on answer POSTs is raised for the run (RATE_LIMIT_SURVEY_MAX, as the
 *    e2e configuration does): all clients share 127.0.0.1 here, whereas real phones do not.
 * 3. Results: a national coordinator signs in and opens the programme's pooled results page
 *    (`/fi/kyselytulokset?group=programme:…`) over all answers, first once (cold), then
 *    `--page-requests` times one after another: p50 / p95 / max.
 * 4. Results while answers arrive (a live survey wave): 4 phones keep submitting answers (codes
 *    of the warm-up clients not used yet, a pause of 50 ms between one phone's answers) while the
 *    coordinator opens the same page `--page-requests` times, 200 ms apart: p50 / p95 / max, how
 *    many views showed a snapshot with "new answers are being counted", and the answers stored
 *    meanwhile. Roll-ups serve the last snapshot and recompute in the background (decision 12).
 * To see where the server's time goes, give it Node options, e.g.
 *   SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" node --import tsx bench/survey.ts
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { prepareDatabase } from "../src/db/bootstrap.ts";
import { openDatabase } from "../src/db/client.ts";
import { users } from "../src/modules/accounts/schema.ts";
import { hashPassword } from "../src/modules/accounts/secrets.ts";
import { maakunnat, municipalities } from "../src/modules/regions/schema.ts";
import { generateCodes } from "../src/modules/surveys/codes.ts";
import { latestInstrument } from "../src/modules/surveys/instruments.ts";
import { pathTo } from "../src/web/paths.ts";
import { bulkLoadProjects } from "./bulk-load.ts";
import { conditions, seconds } from "./common.ts";
import { generateBenchProjects } from "./registry-data.ts";

const { values } = parseArgs({
  options: {
    server: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    connections: { type: "string", default: "100" },
    duration: { type: "string", default: "30" },
    warmup: { type: "string", default: "5" },
    answers: { type: "string", default: "250000" },
    projects: { type: "string", default: "300" },
    "page-requests": { type: "string", default: "50" },
    port: { type: "string", default: "3403" },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const seededAnswers = Number(values.answers);
const projectCount = Number(values.projects);
const pageRequests = Number(values["page-requests"]);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const NAME = "sokra_bench_survey";
const PROGRAMME = "esf-2014-2020-tl5";
/** Codes per client and run: 50 a second, 5 times the target rate (a client that ran out would fail the run). */
const CODES_PER_CLIENT = Math.max(duration, warmup) * 50;
const PASSWORD = "bench survey password 2026";

const TARGET = { rps: 1000, p99: 100, pageMs: 300 };

const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Helsinki" });
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The database

const started = performance.now();
const url = new URL(values.server);
url.pathname = `/${NAME}`;
const databaseUrl = url.toString();
{
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  await admin.end();
}
const database = await openDatabase({ databaseUrl, dataDir: "" });
await prepareDatabase(database);
const db = database.db;
const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

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
const generated = generateBenchProjects(munis, mks, projectCount); // all in the ESF programme (PROGRAMME)
await bulkLoadProjects(db, generated, { isDemo: true });
const projectIds = rows<{ id: string }>(await db.execute(sql`select id from projects where programme_id = ${PROGRAMME} order by code`)).map(
  (r) => r.id,
);
const instrument = await latestInstrument(db);
if (!instrument) throw new Error("no instrument");

// A start round open today and a follow-up opening after it, for every project.
await db.execute(sql`
  insert into survey_rounds (project_id, instrument_id, sequence, opens_on, closes_on)
  select p.id, ${instrument.id}::uuid, s.seq,
         case s.seq when 1 then ${addDays(today, -60)}::date else ${addDays(today, 61)}::date end,
         case s.seq when 1 then ${addDays(today, 60)}::date else ${addDays(today, 120)}::date end
  from unnest(${`{${projectIds.join(",")}}`}::uuid[]) as p(id) cross join (values (1), (2)) as s(seq)`);

// Seeded answers: per project n start answers and 0.9 n follow-ups of the same codes; about one
// answer in 40 is left empty; the follow-up leans a little higher.
const perProject = Math.ceil(seededAnswers / projectIds.length / 1.9);
let t = performance.now();
await db.execute(sql`
  insert into survey_responses (round_id, code, answered_on, source, with_worker, language, answers, background)
  select r.id, 'SEED' || lpad(i::text, 6, '0'), ${today}::date, 'web', i % 7 = 0, 'fi',
         array(select case when random() < 0.025 then null
                           else least(5, greatest(1, floor(1 + random() * 5 + case r.sequence when 2 then random() * 0.6 else 0 end)))::smallint end
               from generate_series(1, 10) as item),
         '{"gender":"noAnswer"}'::jsonb
  from survey_rounds r
  cross join generate_series(1, ${perProject}) as i
  where r.sequence = 1 or i <= ${Math.floor(perProject * 0.9)}`);
const seeded = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from survey_responses`))[0]?.n ?? 0;
const seedMs = performance.now() - t;

// Codes for the load: each client its own, for the warm-up and the measured run.
t = performance.now();
const clientCodes: { projectIndex: number; codes: string[] }[][] = [[], []];
const batchIds = rows<{ id: string }>(
  await db.execute(sql`
    insert into survey_code_batches (project_id, size, created_on)
    select p.id, ${CODES_PER_CLIENT}, ${today}::date from unnest(${`{${projectIds.slice(0, connections * 2).join(",")}}`}::uuid[]) as p(id)
    returning id`),
).map((r) => r.id);
{
  const all = new Set<string>();
  while (all.size < connections * 2 * CODES_PER_CLIENT) for (const c of generateCodes(10_000)) all.add(c);
  const list = [...all];
  for (let c = 0; c < connections * 2; c++) {
    const codes = list.slice(c * CODES_PER_CLIENT, (c + 1) * CODES_PER_CLIENT);
    const projectIndex = c % projectIds.length;
    (clientCodes[c < connections ? 0 : 1] as { projectIndex: number; codes: string[] }[]).push({ projectIndex, codes });
    await db.execute(sql`
      insert into survey_codes (code, project_id, batch_id)
      select code, ${projectIds[projectIndex]}::uuid, ${batchIds[c]}::uuid from unnest(${`{${codes.join(",")}}`}::text[]) as code`);
  }
}
await db.execute(sql`vacuum analyze`);
const codesMs = performance.now() - t;

await db.insert(users).values({
  email: "bench-coordinator@example.fi",
  name: "Bench coordinator",
  role: "national_coordinator",
  passwordHash: await hashPassword(PASSWORD),
});
console.log(
  `database: ${projectIds.length} projects, ${seeded} seeded answers in ${seconds(seedMs)}, ` +
    `${connections * 2 * CODES_PER_CLIENT} codes in ${seconds(codesMs)}; set up in ${seconds(performance.now() - started)}`,
);

// ---------------------------------------------------------------------------------------------
// The server under test

async function startServer(): Promise<ChildProcess> {
  const busy = await fetch(`${base}/healthz`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`something already answers on ${base}: choose another --port`);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    BASE_URL: base,
    LOG_LEVEL: "silent",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    MAIL_OUTBOX: "true",
    // All clients come from 127.0.0.1: the per-address limit on answer POSTs (default 60 in 10
    // minutes) would answer 429. Raised for the benchmark only, as the e2e configuration does.
    RATE_LIMIT_SURVEY_MAX: "1000000000",
    RATE_LIMIT_AUTH_MAX: "1000",
    JOB_POLL_SECONDS: "3600",
    DATABASE_URL: databaseUrl,
    ...(process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {}),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: resolve(import.meta.dirname, ".."),
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  // A crash of this script must not leave the server running.
  process.on("exit", () => child.kill());
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

interface Session {
  cookie: string;
  csrf: string;
}

function sessionOf(res: Response, body: string, previous = ""): Session {
  const set = res.headers.getSetCookie().map((c) => c.split(";")[0] as string);
  const jar = new Map(
    [...previous.split("; ").filter(Boolean), ...set].map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)] as const),
  );
  const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (!csrf) throw new Error(`no form (${res.status})`);
  return {
    cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    csrf,
  };
}

/** The answer form as a phone opens it: its cookie and CSRF token. */
async function openForm(code: string): Promise<Session> {
  const res = await fetch(`${base}${pathTo("surveyAnswer", "fi", { code })}`);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`the answer form answered ${res.status}`);
  return sessionOf(res, body);
}

/** A complete answer: every item and every background question. */
function answerBody(csrf: string, n: number): string {
  const form = new URLSearchParams({ _csrf: csrf });
  for (let i = 1; i <= 10; i++) form.set(`item${i}`, String(1 + ((n * 7 + i * 3) % 5)));
  form.set("ageGroup", ["under25", "25-34", "35-49", "50-64"][n % 4] as string);
  form.set("gender", ["woman", "man", "other", "noAnswer"][n % 4] as string);
  form.set("mainActivity", ["unemployed", "student", "rehabilitation", "employed"][n % 4] as string);
  form.set("timeInProject", ["under1m", "1-6m", "6-12m", "over12m"][n % 4] as string);
  return form.toString();
}

interface LoadResult {
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  completed: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  sent: number;
  load: [number, number];
}

async function submissions(clients: { projectIndex: number; codes: string[] }[], seconds: number): Promise<LoadResult> {
  // Each client opens the form of its first code once (not timed) and keeps that cookie and token.
  const sessions: Session[] = [];
  for (let i = 0; i < clients.length; i += 20)
    sessions.push(...(await Promise.all(clients.slice(i, i + 20).map((c) => openForm(c.codes[0] as string)))));
  let nextClient = 0;
  let sent = 0;
  const [loadBefore] = os.loadavg();
  const result = await autocannon({
    url: base,
    connections: clients.length,
    duration: seconds,
    timeout: 10,
    // autocannon clears a connection's context when it has gone through the list of requests: a
    // list as long as a client's codes keeps the connection's client for the whole run.
    requests: Array.from({ length: CODES_PER_CLIENT }, () => ({
      method: "POST",
      setupRequest: (req, context) => {
        // The context is per connection: the first request of a connection claims the next client.
        if (context.client === undefined) context.client = nextClient++;
        const c = context.client as number;
        const i = ((context.sent as number | undefined) ?? 0) as number;
        context.sent = i + 1;
        const client = clients[c] as { codes: string[] };
        const session = sessions[c] as Session;
        const code = client.codes[i];
        if (!code) throw new Error(`client ${c} ran out of codes`);
        sent++;
        return {
          ...req,
          method: "POST",
          path: pathTo("surveyAnswer", "fi", { code }),
          headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: answerBody(session.csrf, i),
        };
      },
    })),
  });
  const [loadAfter] = os.loadavg();
  const completed = Object.values(result.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
  return {
    rps: completed / seconds,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    completed,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
    errors: result.errors,
    timeouts: result.timeouts,
    sent,
    load: [loadBefore ?? 0, loadAfter ?? 0],
  };
}

async function storedFor(clients: { codes: string[] }[]): Promise<number> {
  const codes = clients.flatMap((c) => c.codes);
  const [row] = rows<{ n: number; dupes: number }>(
    await db.execute(sql`select count(*)::int as n, (count(*) - count(distinct code))::int as dupes
      from survey_responses where code = any(${`{${codes.join(",")}}`}::text[])`),
  );
  if ((row?.dupes ?? 0) > 0) throw new Error(`${row?.dupes} codes stored twice`);
  return row?.n ?? 0;
}

const server = await startServer();
const lines: string[] = [];
let failed = false;
try {
  const c0 = conditions();
  console.log(`server up; ${c0.cores} cores, load ${c0.load1.toFixed(2)}, ${c0.node}, commit ${c0.commit}`);

  // ------------------------------------------------------------------ submissions
  const runs = [
    { name: "warm-up", clients: clientCodes[0] ?? [], seconds: warmup },
    { name: "measured", clients: clientCodes[1] ?? [], seconds: duration },
  ];
  for (const run of runs) {
    const r = await submissions(run.clients, run.seconds);
    const ok = r.statuses["303"] ?? 0;
    const stored = await storedFor(run.clients);
    const others = Object.entries(r.statuses).filter(([s]) => s !== "303");
    // Requests still in flight when autocannon stopped may have been stored without their answer
    // being counted: stored may exceed the 303s by at most the number of connections, never fall short.
    const lost = ok - stored;
    const checks = lost <= 0 && stored - ok <= connections && others.length === 0 && r.errors === 0;
    if (!checks) failed = true;
    const meets = r.rps >= TARGET.rps && r.p99 < TARGET.p99;
    console.log(
      `${run.name}: ${r.completed} answers in ${run.seconds} s = ${r.rps.toFixed(0)}/s; latency p50 ${r.p50} ms, p97.5 ${r.p97_5} ms, ` +
        `p99 ${r.p99} ms, max ${r.max} ms; statuses ${JSON.stringify(r.statuses)}, errors ${r.errors}, timeouts ${r.timeouts}; ` +
        `303s ${ok}, stored ${stored} (lost ${Math.max(0, lost)}); load ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`,
    );
    if (run.name === "measured")
      lines.push(
        `| submissions, ${connections} clients, ${run.seconds} s | **${r.rps.toFixed(0)}/s** | ${r.p50} / ${r.p99} / ${r.max} ms | ` +
          `${ok} × 303, ${stored} stored, ${Math.max(0, lost)} lost${others.length ? `, other statuses ${JSON.stringify(Object.fromEntries(others))}` : ""} | ` +
          `${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} | ${meets && checks ? "met" : "not met"} |`,
      );
  }

  // ------------------------------------------------------------------ the programme's results page
  const loginPage = await fetch(`${base}${pathTo("login", "fi")}`);
  const login0 = sessionOf(loginPage, await loginPage.text());
  const signIn = await fetch(`${base}${pathTo("login", "fi")}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: login0.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: login0.csrf, email: "bench-coordinator@example.fi", password: PASSWORD }).toString(),
  });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = sessionOf(signIn, `name="_csrf" value="x"`, login0.cookie).cookie;
  const total = rows<{ n: number }>(await db.execute(sql`select count(*)::int as n from survey_responses`))[0]?.n ?? 0;
  const page = `${pathTo("surveyRollup", "fi")}?group=programme:${PROGRAMME}`;
  const timeOne = async () => {
    const s = performance.now();
    const res = await fetch(`${base}${page}`, { headers: { cookie } });
    const body = await res.text();
    const ms = performance.now() - s;
    if (res.status !== 200 || !body.includes("<table")) throw new Error(`results page answered ${res.status}`);
    return ms;
  };
  const [pageLoadBefore] = os.loadavg();
  const cold = await timeOne();
  const times: number[] = [];
  for (let i = 0; i < pageRequests; i++) times.push(await timeOne());
  const [pageLoadAfter] = os.loadavg();
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const pageMeets = q(0.95) < TARGET.pageMs;
  if (!pageMeets) failed = true;
  console.log(
    `results page over ${total} answers: first ${cold.toFixed(0)} ms; then ${pageRequests} requests p50 ${q(0.5).toFixed(0)} ms, ` +
      `p95 ${q(0.95).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms; load ${(pageLoadBefore ?? 0).toFixed(1)} → ${(pageLoadAfter ?? 0).toFixed(1)}`,
  );
  lines.push(
    `| programme results page, ${total} answers | first ${cold.toFixed(0)} ms | ${q(0.5).toFixed(0)} / ${q(0.95).toFixed(0)} / ${(times.at(-1) ?? 0).toFixed(0)} ms (${pageRequests} requests) | — | ` +
      `${(pageLoadBefore ?? 0).toFixed(1)} → ${(pageLoadAfter ?? 0).toFixed(1)} | ${pageMeets ? "met" : "not met"} |`,
  );

  // ------------------------------------------------------------------ the page while answers arrive
  const unused = rows<{ c: string }>(
    await db.execute(sql`select c from unnest(${`{${(clientCodes[0] ?? []).flatMap((c) => c.codes).join(",")}}`}::text[]) as c
      where not exists (select 1 from survey_responses s where s.code = c)`),
  ).map((r) => r.c);
  const phones = 4;
  const phoneSessions = await Promise.all(Array.from({ length: phones }, (_, i) => openForm(unused[i] as string)));
  let live = true;
  let nextCode = 0;
  let liveStored = 0;
  let liveOther = 0;
  const phone = async (session: Session) => {
    while (live) {
      const code = unused[nextCode++];
      if (!code) break;
      const res = await fetch(`${base}${pathTo("surveyAnswer", "fi", { code })}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: answerBody(session.csrf, nextCode),
      });
      await res.arrayBuffer();
      if (res.status === 303) liveStored++;
      else liveOther++;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const phonesDone = Promise.all(phoneSessions.map(phone));
  await new Promise((r) => setTimeout(r, 1000));
  const liveTimes: number[] = [];
  let staleViews = 0;
  const [liveLoadBefore] = os.loadavg();
  const liveStart = performance.now();
  for (let i = 0; i < pageRequests; i++) {
    const s = performance.now();
    const res = await fetch(`${base}${page}`, { headers: { cookie } });
    const body = await res.text();
    liveTimes.push(performance.now() - s);
    if (res.status !== 200 || !body.includes("<table")) throw new Error(`results page answered ${res.status}`);
    if (body.includes("uusia vastauksia lasketaan")) staleViews++;
    await new Promise((r) => setTimeout(r, 200));
  }
  const liveSeconds = (performance.now() - liveStart) / 1000;
  live = false;
  await phonesDone;
  const [liveLoadAfter] = os.loadavg();
  liveTimes.sort((a, b) => a - b);
  const lq = (p: number) => liveTimes[Math.min(liveTimes.length - 1, Math.floor(p * liveTimes.length))] ?? 0;
  const liveMeets = lq(0.95) < TARGET.pageMs && liveOther === 0;
  if (!liveMeets) failed = true;
  console.log(
    `results page while answers arrive (${liveStored} answers in ${liveSeconds.toFixed(0)} s, other statuses ${liveOther}): ${pageRequests} requests ` +
      `p50 ${lq(0.5).toFixed(0)} ms, p95 ${lq(0.95).toFixed(0)} ms, max ${(liveTimes.at(-1) ?? 0).toFixed(0)} ms; ${staleViews} showed a snapshot; ` +
      `load ${(liveLoadBefore ?? 0).toFixed(1)} → ${(liveLoadAfter ?? 0).toFixed(1)}`,
  );
  lines.push(
    `| programme results page while ${phones} phones answer (${liveStored} answers in ${liveSeconds.toFixed(0)} s) | — | ` +
      `${lq(0.5).toFixed(0)} / ${lq(0.95).toFixed(0)} / ${(liveTimes.at(-1) ?? 0).toFixed(0)} ms (${pageRequests} requests, ${staleViews} snapshots) | ` +
      `${liveOther} other statuses | ${(liveLoadBefore ?? 0).toFixed(1)} → ${(liveLoadAfter ?? 0).toFixed(1)} | ${liveMeets ? "met" : "not met"} |`,
  );
} finally {
  server.kill();
  await database.close();
}
const c = conditions();
console.log(`\n${c.cores} cores (${c.cpu}), ${c.node}, commit ${c.commit}, load average now ${c.load1.toFixed(2)} / ${c.load5.toFixed(2)}`);
console.log("| what | throughput / first | p50 / p99 (p95 for the page) / max | checks | load 1 min | target |");
console.log("|---|---|---|---|---|---|");
for (const l of lines) console.log(l);
if (failed) {
  console.error("a check or target failed");
  process.exitCode = 1;
}
