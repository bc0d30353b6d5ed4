/**
 * The PostgreSQL settings the benchmark runs with, as settings of the benchmark database (so that
 * every connection of the server under test gets them):
 *
 *   default   PostgreSQL's defaults (random_page_cost = 4)
 *   proposed  random_page_cost = 1.1: the registry is read from memory, not from spinning disks, so
 *             a random page costs about as much as a sequential one; with 4 the planner prefers
 *             scanning every project (and computing trigram similarity for each) to the text indexes.
 *             jit = off: the search statement over all projects costs enough to be JIT-compiled,
 *             which takes longer (~100 ms) than it saves, on every request.
 *
 *   node --import tsx bench/db-settings.ts --db=postgres proposed|default
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { type Executor, openDatabase } from "../src/db/client.ts";
import { benchDb, DATABASE_OPTIONS } from "./common.ts";

export const SETTINGS = ["default", "proposed"] as const;
export type Settings = (typeof SETTINGS)[number];

/**
 * Sets them for the benchmark database (PostgreSQL), or for the whole embedded server (PGlite runs
 * one single-user backend, which does not read per-database settings but does read ALTER SYSTEM's).
 */
export async function applySettings(db: Executor, settings: Settings, kind: "postgres" | "pglite"): Promise<void> {
  const changes = settings === "proposed" ? ["set random_page_cost = 1.1", "set jit = off"] : ["reset random_page_cost", "reset jit"];
  for (const change of changes) {
    await db.execute(
      sql.raw(
        kind === "pglite"
          ? `alter system ${change.replace(" = ", " to ")}`
          : `do $$ begin execute format('alter database %I ${change}', current_database()); end $$`,
      ),
    );
  }
}

/** What a connection to the database gets (its own settings included), for the record beside the figures. */
export async function readSettings(db: Executor): Promise<string> {
  const r = await db.execute(
    sql`select name, setting, unit from pg_settings where name in ('random_page_cost', 'jit', 'shared_buffers', 'work_mem')`,
  );
  const rows = (r as unknown as { rows: { name: string; setting: string; unit: string | null }[] }).rows;
  const value = (name: string) => {
    const s = rows.find((x) => x.name === name);
    if (!s) return "?";
    if (s.unit === "8kB") return `${(Number(s.setting) * 8) / 1024} MB`;
    if (s.unit === "kB") return `${Number(s.setting) / 1024} MB`;
    return s.setting;
  };
  return `random_page_cost ${value("random_page_cost")}, jit ${value("jit")}, shared_buffers ${value("shared_buffers")}, work_mem ${value("work_mem")}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ options: DATABASE_OPTIONS, allowPositionals: true });
  const settings = positionals[0];
  if (settings !== "default" && settings !== "proposed") throw new Error("say default or proposed");
  const db = benchDb(values.db);
  const database = await openDatabase(db === "postgres" ? { databaseUrl: values.url, dataDir: "" } : { dataDir: values.dir });
  await applySettings(database.db, settings, db);
  await database.close();
  const again = await openDatabase(db === "postgres" ? { databaseUrl: values.url, dataDir: "" } : { dataDir: values.dir });
  console.log(`${db}: ${await readSettings(again.db)}`);
  await again.close();
}
