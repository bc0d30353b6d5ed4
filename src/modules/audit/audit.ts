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
