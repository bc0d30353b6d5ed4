import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities } from "../regions/schema.ts";

export const ORGANISATION_TYPES = [
  "municipality",
  "wellbeing_county",
  "ngo",
  "foundation",
  "educational",
  "university",
  "parish",
  "company",
  "state_authority",
  "other",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const organisationTypeEnum = pgEnum("organisation_type", ORGANISATION_TYPES);

/** Organisations that lead or co-implement projects, and the employers of people in the directory. */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nameFi: text("name_fi").notNull(),
    nameSv: text("name_sv"),
    /** Finnish business ID, normalised (1234567-8); unique when present. */
    businessId: text("business_id"),
    type: organisationTypeEnum("type").notNull(),
    /** Where the organisation is based (its home municipality), when known. */
    homeMunicipalityCode: text("home_municipality_code").references(() => municipalities.code),
    website: text("website"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organisations_business_id_idx").on(t.businessId), index("organisations_name_idx").on(sql`lower(${t.nameFi})`)],
);
