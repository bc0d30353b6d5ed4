import { desc } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { mailOutbox } from "./schema.ts";

export async function listOutbox(db: Executor, limit = 100) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
