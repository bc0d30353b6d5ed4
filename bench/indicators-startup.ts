// Times the start-up load of the indicator data (catalogue, regions, the Diak data set, population,
// the default index version) on a fresh database: PGlite in memory, or PostgreSQL with DATABASE_URL.
import { prepareDatabase } from "../src/db/bootstrap.ts";
import { openDatabase } from "../src/db/client.ts";
import { loadStartingIndicators } from "../src/modules/indicators/import-service.ts";
import { ensureDefaultIndexVersion } from "../src/modules/indicators/index-service.ts";

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: ":memory:" });
await prepareDatabase(database);
let t = performance.now();
await loadStartingIndicators(database.db);
console.log(`starting data: ${((performance.now() - t) / 1000).toFixed(1)} s`);
t = performance.now();
await ensureDefaultIndexVersion(database.db);
console.log(`default index version: ${((performance.now() - t) / 1000).toFixed(1)} s`);
await database.close();
