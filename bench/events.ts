/**
 * Registration under load (issue 5): N people register at the same moment for an event of C seats,
 * against the real server (src/main.ts, production mode) on 127.0.0.1.
 *
 *   node --import tsx bench/events.ts [--people=500] [--capacity=100] [--rounds=3]
 *
 * Each round: a new event of C seats; every person first opens the event page (their own cookie
 * and CSRF token, not timed), then all N registration POSTs are sent at once (N connections) and
 * timed. Checked after each round, from the database: exactly C confirmed, N − C waitlisted, the
 * confirmed ones are the first C in arrival order (seq) and the waitlist is the rest in the same
 * order, no e-mail twice; 50 repeated registrations are refused (409). Then 10 confirmed people
 * cancel at once through their personal links, and exactly the next 10 on the waitlist must be
 * promoted. Mails are queued (the job queue is not polled during the run: JOB_POLL_SECONDS=3600).
 * PostgreSQL only (the database sokra_bench_events, created anew); the small-scale version of the
 * same checks runs on both databases in src/modules/events/concurrency.test.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { asc, eq } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "../src/db/client.ts";
import { eventRegistrations } from "../src/modules/events/schema.ts";
import { createEvent } from "../src/modules/events/service.ts";
import { conditions } from "./common.ts";

const { values } = parseArgs({
  options: {
    server: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    people: { type: "string", default: "500" },
    capacity: { type: "string", default: "100" },
    rounds: { type: "string", default: "3" },
    port: { type: "string", default: "3225" },
  },
});
const db = "postgres";
const people = Number(values.people);
const capacity = Number(values.capacity);
const rounds = Number(values.rounds);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const NAME = "sokra_bench_events";

let databaseUrl: string | undefined;
{
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  await admin.query(`drop database if exists ${NAME} with (force)`);
  await admin.query(`create database ${NAME}`);
  await admin.end();
  const url = new URL(values.server);
  url.pathname = `/${NAME}`;
  databaseUrl = url.toString();
}

async function startServer(): Promise<ChildProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    BASE_URL: base,
    LOG_LEVEL: "silent",
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    MAIL_OUTBOX: "true",
    // One address sends everything here: the per-address registration limit would answer 429.
    RATE_LIMIT_EVENTS_MAX: "1000000000",
    JOB_POLL_SECONDS: "3600",
    DATABASE_URL: databaseUrl ?? "",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: resolve(import.meta.dirname, ".."),
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
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

interface Client {
  cookie: string;
  csrf: string;
  email: string;
}

async function openPage(path: string, email: string): Promise<Client> {
  const res = await fetch(`${base}${path}`);
  const body = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (!csrf) throw new Error(`no form on ${path} (${res.status})`);
  return { cookie, csrf, email };
}

async function inBatches<T, R>(items: T[], size: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return out;
}

function post(path: string, client: Client, form: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: client.csrf, ...form }).toString();
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

const server = await startServer();
const results: string[] = [];
let failed = false;
try {
  for (let round = 1; round <= rounds; round++) {
    const direct = await openDatabase({ databaseUrl, dataDir: ":memory:" });
    const eventId = await createEvent(direct.db, null, eventInput(round));
    const path = `/fi/tapahtumat/${eventId}`;
    const clients = await inBatches(
      Array.from({ length: people }, (_, i) => `r${round}-p${String(i).padStart(4, "0")}@example.fi`),
      25,
      (email) => openPage(path, email),
    );
    const [loadBefore] = os.loadavg();
    const started = performance.now();
    const responses = await Promise.all(
      clients.map((c) => post(path, c, { name: c.email.split("@")[0] ?? "", email: c.email, organisation: `Org ${c.email.length % 7}` })),
    );
    const ms = performance.now() - started;
    const [loadAfter] = os.loadavg();
    const statuses = responses.map((r) => r.status);
    const links = responses.map((r) => r.headers.get("location") ?? "");
    const ok = statuses.filter((s) => s === 303).length;
    const dupes = await Promise.all(clients.slice(0, 50).map((c) => post(path, c, { name: "again", email: c.email, organisation: "x" })));
    const dupStatuses = dupes.map((r) => r.status);

    const checks: string[] = [];
    const check = (okay: boolean, what: string) => {
      checks.push(`${okay ? "ok" : "FAILED"}: ${what}`);
      if (!okay) failed = true;
    };
    check(ok === people, `${ok}/${people} registrations answered 303`);
    check(
      dupStatuses.every((s) => s === 409),
      `50 repeated registrations refused with 409 (${[...new Set(dupStatuses)].join(",")})`,
    );

    const readRows = async () => {
      return direct.db
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, eventId))
        .orderBy(asc(eventRegistrations.seq));
    };
    {
      const rows = await readRows();
      const confirmed = rows.filter((r) => r.status === "confirmed");
      const waitlisted = rows.filter((r) => r.status === "waitlisted");
      check(rows.length === people, `${rows.length} rows for ${people} people`);
      check(new Set(rows.map((r) => r.email)).size === rows.length, "no e-mail twice");
      check(confirmed.length === capacity, `${confirmed.length} confirmed (capacity ${capacity})`);
      check(waitlisted.length === people - capacity, `${waitlisted.length} waitlisted`);
      check(
        rows.slice(0, capacity).every((r) => r.status === "confirmed"),
        "the confirmed are the first in arrival order",
      );
      // Each response's personal link is the registrant's; cancel 10 confirmed through their links at once.
      const byEmail = new Map(clients.map((c, i) => [c.email, links[i] ?? ""]));
      const toCancel = confirmed.slice(0, 10);
      const cancelClients = await Promise.all(toCancel.map((r) => openPage((byEmail.get(r.email) ?? "").split("?")[0] ?? "", r.email)));
      const cancels = await Promise.all(cancelClients.map((c) => post(`${(byEmail.get(c.email) ?? "").split("?")[0]}/peru`, c, {})));
      check(
        cancels.every((r) => r.status === 303),
        "10 cancellations answered 303",
      );
      const after = await readRows();
      const promoted = after.filter((r) => r.promotedAt !== null).map((r) => r.id);
      check(
        after.filter((r) => r.status === "confirmed").length === capacity,
        `still exactly ${capacity} confirmed after 10 cancellations`,
      );
      check(
        JSON.stringify(promoted.sort()) ===
          JSON.stringify(
            waitlisted
              .slice(0, 10)
              .map((r) => r.id)
              .sort(),
          ),
        `the promoted are exactly the next 10 in line (${promoted.length})`,
      );
      await direct.close();
    }
    const rate = people / (ms / 1000);
    results.push(
      `| ${db} | ${round} | ${people} → ${capacity} seats | ${(ms / 1000).toFixed(2)} s | **${rate.toFixed(0)}/s** | ${loadBefore?.toFixed(1)} → ${loadAfter?.toFixed(1)} | ${checks.every((c) => c.startsWith("ok")) ? "all hold" : "FAILED"} |`,
    );
    console.log(`round ${round}: ${people} registrations in ${ms.toFixed(0)} ms = ${rate.toFixed(0)}/s`);
    for (const c of checks) console.log(`  ${c}`);
  }
} finally {
  await new Promise<void>((done) => {
    server.once("exit", () => done());
    server.kill("SIGTERM");
  });
}

const c = conditions();
console.log(`\n${c.cores} cores (${c.cpu}), Node ${c.node}, commit ${c.commit}\n`);
console.log("| database | round | registrations | time | registrations/s | load 1 min (before → after) | checks |");
console.log("|---|---|---|---|---|---|---|");
for (const r of results) console.log(r);
if (failed) process.exitCode = 1;

function eventInput(round: number) {
  const startsAt = new Date(Date.now() + 14 * 24 * 3600_000);
  return {
    type: "seminar" as const,
    titleFi: `Kuormitustesti ${round}`,
    titleSv: `Belastningstest ${round}`,
    titleEn: `Load test ${round}`,
    descriptionFi: "",
    descriptionSv: "",
    descriptionEn: "",
    themes: [],
    areaIds: [],
    audience: "everyone" as const,
    place: "Helsinki",
    remote: false,
    meetingUrl: null,
    capacity,
    registrationDeadline: startsAt,
    questions: [],
    sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000) }],
  };
}
