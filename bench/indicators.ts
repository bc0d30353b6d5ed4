/**
 * Benchmark of the indicators module (issue 7):
 *   1. import 1,000,000 Sotkanet-shaped values (stored files: a region list and data rows) through
 *      importSotkanet(), and the same files again (every value unchanged);
 *   2. recompute the deprivation index for every level and year: the shipped Diak version, and a
 *      version of 10 raw indicators (3-year windows and median scaling over ~340,000 total-gender values);
 *   3. render the map page (GET /fi/indikaattorit) through app.inject(), after a warm-up.
 *
 *   node --import tsx bench/indicators.ts                      # PGlite, in memory
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/indicators.ts
 *
 * With BENCH_PG_URL a database `sokra_bench_indicators_<random>` is created there and dropped at the end.
 * Synthetic indicators `sotkanet-900001…` are added to the catalogue of that database only.
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { prepareDatabase } from "../src/db/bootstrap.ts";
import { openDatabase } from "../src/db/client.ts";
import { importSotkanet, loadStartingIndicators } from "../src/modules/indicators/import-service.ts";
import {
  computeIndexVersion,
  createIndexVersion,
  currentIndexVersion,
  ensureDefaultIndexVersion,
} from "../src/modules/indicators/index-service.ts";
import { indicatorRegions, indicators } from "../src/modules/indicators/schema.ts";

const TARGET = Number(process.env.BENCH_VALUES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let databaseUrl: string | undefined;
let drop = async () => {};
if (process.env.BENCH_PG_URL) {
  const name = `sokra_bench_indicators_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.BENCH_PG_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  drop = async () => {
    const c = new pg.Client({ connectionString: process.env.BENCH_PG_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
const database = await openDatabase({ databaseUrl, dataDir: ":memory:" });
await prepareDatabase(database);
const db = database.db;
console.log(
  `database: ${database.kind}; load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

let t = performance.now();
await loadStartingIndicators(db);
console.log(`starting data (Diak set + population, 76,203 values): ${seconds(performance.now() - t)}`);
t = performance.now();
await ensureDefaultIndexVersion(db);
console.log(`default index version computed: ${seconds(performance.now() - t)}`);

// Ten synthetic raw indicators, pinned as Sotkanet ids.
const dims = ["human", "human", "human", "human", "social", "social", "social", "economic", "economic", "economic"] as const;
const synthetic = dims.map((dimension, i) => ({
  id: `sotkanet-${900001 + i}`,
  source: "sotkanet" as const,
  sourceId: String(900001 + i),
  titleFi: `Bench ${i}`,
  titleSv: `Bench ${i}`,
  titleEn: `Bench ${i}`,
  kind: "raw" as const,
  dimension,
  unit: "%",
  direction: "higher_worse" as const,
  ageFocus: "all" as const,
  survey: i === 3,
  levels: [],
  licence: "bench",
  attribution: "bench",
}));
await db.insert(indicators).values(synthetic);

// The region list: every municipality, seutukunta, maakunta and county with a Sotkanet id.
const regions = await db.select().from(indicatorRegions);
const sotkanetRegions = regions
  .filter((r) => r.level !== "koko_maa")
  .map((r, i) => ({
    id: 10_000 + i,
    code: r.code,
    category: { kunta: "KUNTA", seutukunta: "SEUTUKUNTA", maakunta: "MAAKUNTA", hyvinvointialue: "HYVINVOINTIALUE" }[r.level as "kunta"],
    title: { fi: r.nameFi, sv: r.nameSv, en: r.nameEn },
  }));
const genders = ["total", "male", "female"] as const;
const perYear = synthetic.length * sotkanetRegions.length * genders.length;
const years = Math.ceil(TARGET / perYear);
const rows: { indicator: number; region: number; year: number; gender: string; value: number; absValue: number }[] = [];
let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
outer: for (let y = 0; y < years; y++) {
  for (const ind of synthetic) {
    for (const r of sotkanetRegions) {
      for (const gender of genders) {
        if (rows.length >= TARGET) break outer;
        const value = Math.round((5 + 20 * rand()) * 10) / 10;
        rows.push({ indicator: Number(ind.sourceId), region: r.id, year: 1990 + y, gender, value, absValue: Math.round(value * 100) });
      }
    }
  }
}
const files = [
  { name: "regions.json", bytes: new TextEncoder().encode(JSON.stringify(sotkanetRegions)) },
  { name: "data.json", bytes: new TextEncoder().encode(JSON.stringify(rows)) },
];
console.log(
  `Sotkanet files: ${rows.length} data rows (${(files[1]?.bytes.length ?? 0) / 1e6} MB), ${sotkanetRegions.length} regions, ${years} years`,
);

t = performance.now();
const first = await importSotkanet(db, { files, userId: null, mode: "all_or_nothing" });
const importMs = performance.now() - t;
console.log(`import ${rows.length} values: ${seconds(importMs)} (inserted ${first.counts.inserted}, rejected ${first.counts.rejected})`);
t = performance.now();
const again = await importSotkanet(db, { files, userId: null, mode: "all_or_nothing" });
console.log(
  `re-import (idempotent): ${seconds(performance.now() - t)} (unchanged ${again.counts.unchanged}, updated ${again.counts.updated})`,
);

const current = await currentIndexVersion(db);
const times: number[] = [];
for (let i = 0; i < 3; i++) times.push((await computeIndexVersion(db, current?.id as string)).milliseconds);
console.log(`recompute the Diak version (all levels, 2011–2019): ${times.map(seconds).join(", ")}`);
const rawVersion = await createIndexVersion(db, null, { name: "bench raw", indicatorIds: synthetic.map((s) => s.id), current: false });
const rawTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const r = await computeIndexVersion(db, rawVersion);
  rawTimes.push(r.milliseconds);
  if (i === 0) console.log(`raw version: ${r.rows} index values`);
  console.log(`  read ${seconds(r.phases.read)}, compute ${seconds(r.phases.compute)}, write ${seconds(r.phases.write)}`);
}
console.log(`recompute the raw version (10 indicators, ${years} years, window + scaling): ${rawTimes.map(seconds).join(", ")}`);

const config = loadConfig({
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  DATA_DIR: ":memory:",
  SESSION_SECRET: "bench-secret-bench-secret-bench-secret-01",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const { app } = await buildApp({ config, database });
for (let i = 0; i < 5; i++) await app.inject({ url: "/fi/indikaattorit" });
const page: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const s = performance.now();
  const res = await app.inject({ url: "/fi/indikaattorit" });
  page.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(`map page ${res.statusCode}`);
}
page.sort((a, b) => a - b);
const q = (p: number) => page[Math.min(page.length - 1, Math.floor(p * page.length))] as number;
console.log(`map page (${ROUNDS} requests): median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms`);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
await app.close();
await drop();
