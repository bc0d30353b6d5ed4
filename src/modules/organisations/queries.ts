import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { type OrganisationType, organisations } from "./schema.ts";

/**
 * Finds an organisation by business ID (or, without one, by exact name among those without an ID)
 * and creates it when there is none. Returns its id and whether it was created.
 */
export async function matchOrCreateOrganisation(
  db: Executor,
  org: { name: string; type: OrganisationType; businessId: string | null },
): Promise<{ id: string; created: boolean }> {
  const where = org.businessId
    ? eq(organisations.businessId, org.businessId)
    : and(isNull(organisations.businessId), eq(sql`lower(${organisations.nameFi})`, org.name.toLowerCase()));
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(where).limit(1);
  if (existing) return { id: existing.id, created: false };
  const [row] = await db
    .insert(organisations)
    .values({ nameFi: org.name, type: org.type, businessId: org.businessId })
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  if (row) return { id: row.id, created: true };
  // Created by a concurrent request between our select and insert.
  const [again] = await db.select({ id: organisations.id }).from(organisations).where(where).limit(1);
  if (!again) throw new Error("organisation vanished");
  return { id: again.id, created: false };
}
