import { seedProgrammes } from "../modules/programmes/seed.ts";
import { seedRegions } from "../modules/regions/seed.ts";
import { seedInstruments } from "../modules/surveys/instruments.ts";
import type { Database } from "./client.ts";

/** Brings a database up to date: the same migrations on PGlite and PostgreSQL, then reference data. */
export async function prepareDatabase(database: Database): Promise<void> {
  await database.migrate();
  await seedRegions(database.db);
  await seedProgrammes(database.db);
  await seedInstruments(database.db);
}
