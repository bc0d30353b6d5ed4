import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Locale } from "../../web/locales.ts";
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

const NAME: Record<Locale, SQL> = { fi: sql.raw("name_fi"), sv: sql.raw("name_sv"), en: sql.raw("name_en") };

/** One organisation with its home municipality's name in the page's language. */
export async function findOrganisation(db: Executor, id: string, locale: Locale) {
  const [row] = await db
    .select({
      id: organisations.id,
      nameFi: organisations.nameFi,
      nameSv: organisations.nameSv,
      businessId: organisations.businessId,
      type: organisations.type,
      website: organisations.website,
      homeMunicipality: sql<string | null>`(select ${NAME[locale]} from municipalities where code = ${organisations.homeMunicipalityCode})`,
    })
    .from(organisations)
    .where(eq(organisations.id, id))
    .limit(1);
  return row ?? null;
}

/** An organisation's id by its normalised business ID. */
export async function organisationIdByBusinessId(db: Executor, businessId: string): Promise<string | null> {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.businessId, businessId)).limit(1);
  return row?.id ?? null;
}
