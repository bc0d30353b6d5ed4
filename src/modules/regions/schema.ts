import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

export const maakunnat = pgTable("maakunnat", {
  code: text("code").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  nuts3Code: text("nuts3_code"),
  /** Simplified boundary (GeoJSON geometry, WGS84) from the National Land Survey, for small maps. */
  boundary: jsonb("boundary").$type<{ type: "Polygon" | "MultiPolygon"; coordinates: unknown }>(),
});

export const wellbeingCounties = pgTable("wellbeing_counties", {
  code: text("code").primaryKey(),
  nameFi: text("name_fi").notNull(),
});

export const municipalities = pgTable("municipalities", {
  code: text("code").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  maakuntaCode: text("maakunta_code")
    .notNull()
    .references(() => maakunnat.code),
  seutukuntaCode: text("seutukunta_code").notNull(),
  seutukuntaNameFi: text("seutukunta_name_fi").notNull(),
  wellbeingCountyCode: text("wellbeing_county_code")
    .notNull()
    .references(() => wellbeingCounties.code),
  /** 0 Finnish, 1 bilingual Finnish-majority, 2 Swedish, 3 bilingual Swedish-majority. */
  languageStatus: integer("language_status").notNull(),
  elyCode2025: integer("ely_code_2025"),
  evkCode2026: integer("evk_code_2026"),
});

/**
 * A regional structure of a time: e.g. the four coordination areas of 2014–2020, or the ESF
 * funding areas from 2026. Programmes point to the structure of their period.
 */
export const regionalStructures = pgTable("regional_structures", {
  id: text("id").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  validFrom: text("valid_from").notNull(),
  validTo: text("valid_to"),
});

export const areas = pgTable("areas", {
  id: text("id").primaryKey(),
  structureId: text("structure_id")
    .notNull()
    .references(() => regionalStructures.id),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const areaMaakunnat = pgTable(
  "area_maakunnat",
  {
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
    maakuntaCode: text("maakunta_code")
      .notNull()
      .references(() => maakunnat.code),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.maakuntaCode] })],
);

/** ELY centres (to 2025) and elinvoimakeskukset (from 2026): regional authorities and funders. */
export const regionalAuthorities = pgTable("regional_authorities", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["ely", "evk"] }).notNull(),
  code: integer("code").notNull(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  validFrom: text("valid_from"),
  validTo: text("valid_to"),
});
