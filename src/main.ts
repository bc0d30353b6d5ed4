import { randomBytes } from "node:crypto";
import { buildApp } from "./app.ts";
import { ConfigError, clockOf, loadConfig } from "./config.ts";
import { prepareDatabase } from "./db/bootstrap.ts";
import { openDatabase } from "./db/client.ts";
import { housekeeping } from "./db/housekeeping.ts";
import { ensureDemoAdmin } from "./modules/accounts/service.ts";
import { seedDemoDirectory } from "./modules/directory/demo-seed.ts";
import { scheduleEventJobs } from "./modules/events/jobs.ts";
import { loadStartingIndicators } from "./modules/indicators/import-service.ts";
import { ensureDefaultIndexVersion } from "./modules/indicators/index-service.ts";
import { seedDemoProjects } from "./modules/projects/demo-seed.ts";
import { loadSampleProjects } from "./modules/projects/import-service.ts";

// The only file that listens. Everything else is built by buildApp() and tested without a socket.
const started = performance.now();

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78); // EX_CONFIG
  }
  throw err;
}

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await prepareDatabase(database);

// The three real sample projects (data/projects/), through the same importer an administrator
// uses; only missing ones are created, so edits made in Sokra are kept.
const today = new Date().toISOString().slice(0, 10);
const samples = await loadSampleProjects(database.db, today);
if (!samples.ok || samples.counts.rejected > 0) {
  console.error("The sample projects in data/projects/ could not be loaded:", JSON.stringify(samples));
} else if (samples.counts.created > 0) {
  console.log(`Loaded ${samples.counts.created} real sample projects from data/projects/.`);
}

// The starting indicator data (data/indicators/): the catalogue and regions at every start, the
// Diak data set and the population once per file content, through the same importers.
const indicatorLoad = await loadStartingIndicators(database.db);
for (const [name, run] of Object.entries(indicatorLoad)) {
  if (run)
    console.log(
      `Imported the starting indicator data (${name}): ${run.counts.inserted} values, ${run.counts.anomalies} data anomalies (see the import report).`,
    );
}
await ensureDefaultIndexVersion(database.db);

let demoPassword: string | undefined;
if (config.demo.enabled) {
  demoPassword = config.demo.adminPassword ?? randomBytes(12).toString("base64url");
  await ensureDemoAdmin(database.db, config.demo.adminEmail, demoPassword);
  const added = await seedDemoProjects(database.db, today);
  if (added > 0) console.log(`Loaded the demo programme: ${added} made-up projects, marked as demo data.`);
  const people = await seedDemoDirectory(database.db, today);
  if (people > 0) console.log(`Loaded the demo directory: ${people} made-up people.`);
}

// The test clock (NODE_ENV=test only; the e2e server) is injected as the tests inject `now`.
const now = clockOf(config);
if (now) console.log(`Test clock: ${now().toISOString()} (real time shifted by ${(config.testClockOffsetMs ?? 0) / 1000} s).`);
const { app } = await buildApp({ config, database, ...(now ? { now } : {}) });
await app.listen({ host: config.host, port: config.port });
// The job queue (mails, reminders, deletion of old registration answers): every instance polls it.
await scheduleEventJobs(database.db);
app.jobs.start(config.jobPollSeconds * 1000);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\nSokra is running at ${config.baseUrl}/fi (${database.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL"}; ready in ${seconds} s)`,
);
if (demoPassword) {
  console.log(`Demo administrator: ${config.demo.adminEmail}  password: ${demoPassword}`);
  console.log("(demo mode: this password is set anew at every start)\n");
}

// Hourly clean-up. Safe with several instances: each run only deletes what has expired.
const cleanup = setInterval(() => {
  housekeeping(database.db).catch((err: unknown) => app.log.error({ err }, "housekeeping failed"));
}, 3600 * 1000);
cleanup.unref();

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, "shutting down");
  // Stop accepting connections, let running requests finish, then close the database.
  clearInterval(cleanup);
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
