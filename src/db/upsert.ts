import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

/**
 * Inserts many rows in one statement, updating every other column where the key already exists.
 * Used by idempotent reference-data loads (one statement instead of one per row).
 */
export async function upsertAll<T extends PgTable>(db: Executor, table: T, rows: T["$inferInsert"][], key: PgColumn): Promise<void> {
  if (rows.length === 0) return;
  const set: Record<string, SQL> = {};
  for (const [property, column] of Object.entries(getTableColumns(table))) {
    if (column.name !== key.name) set[property] = sql.raw(`excluded."${column.name}"`);
  }
  await db.insert(table).values(rows).onConflictDoUpdate({ target: key, set });
}
