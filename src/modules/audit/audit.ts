import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditLog } from "./schema.ts";

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  /** What changed. Never secrets: no passwords, hashes or tokens. */
  changes?: Record<string, unknown>;
}

/** Writes one audit entry; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    changes: entry.changes ?? null,
  });
}

/** What a user did (time, action, kind of record), oldest first: part of their own data. */
export async function auditEntriesOfActor(db: Executor, userId: string) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, entity: auditLog.entity })
    .from(auditLog)
    .where(eq(auditLog.actorUserId, userId))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
