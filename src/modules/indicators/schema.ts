import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema.ts";

/** Regional levels an indicator value can be stored on. */
export const LEVELS = ["kunta", "seutukunta", "maakunta", "hyvinvointialue", "koko_maa"] as const;
export type Level = (typeof LEVELS)[number];

export const SOURCES = ["sotkanet", "statfi", "own", "diak"] as const;
export type Source = (typeof SOURCES)[number];

/** human / social / economic deprivation, inclusion beside them, total for a composite, context (population). */
export const INDICATOR_DIMENSIONS = ["human", "social", "economic", "inclusion", "total", "context"] as const;
export type IndicatorDimension = (typeof INDICATOR_DIMENSIONS)[number];

/**
 * raw: a rate as the source gives it (goes through the whole method: window, scaling);
 * relative: already a median-relative sub-indicator (the shipped Diak data set);
 * published: a composite someone else published, kept to compare Sokra's own against.
 */
export const INDICATOR_KINDS = ["raw", "relative", "published"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const DIRECTIONS = ["higher_worse", "higher_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const AGE_FOCUSES = ["all", "youth"] as const;
export type AgeFocus = (typeof AGE_FOCUSES)[number];
export const GENDERS = ["total", "male", "female"] as const;
export type Gender = (typeof GENDERS)[number];

export const indicators = pgTable("indicators", {
  /** Sokra's stable id, e.g. `sotkanet-127` or `hos-nuorisotyottomyys`. */
  id: text("id").primaryKey(),
  source: text("source", { enum: SOURCES }).notNull(),
  /** The source's own id (a Sotkanet number, a variable name). */
  sourceId: text("source_id").notNull(),
  titleFi: text("title_fi").notNull(),
  titleSv: text("title_sv").notNull(),
  titleEn: text("title_en").notNull(),
  descriptionFi: text("description_fi"),
  kind: text("kind", { enum: INDICATOR_KINDS }).notNull(),
  dimension: text("dimension", { enum: INDICATOR_DIMENSIONS }).notNull(),
  unit: text("unit").notNull(),
  direction: text("direction", { enum: DIRECTIONS }).notNull(),
  ageFocus: text("age_focus", { enum: AGE_FOCUSES }).notNull(),
  /** Survey-based: the method takes the latest value instead of a 3-year mean. */
  survey: boolean("survey").notNull().default(false),
  /** The levels the indicator exists on and the years it covers (kept up to date by the importers). */
  levels: jsonb("levels").$type<Level[]>().notNull(),
  firstYear: integer("first_year"),
  lastYear: integer("last_year"),
  licence: text("licence").notNull(),
  attribution: text("attribution").notNull(),
});

/**
 * The regions values may refer to, per level: today's (from the regions module) and historical ones
 * (e.g. Pertunmaa, merged in 2026), with the Sotkanet region id where known.
 */
export const indicatorRegions = pgTable(
  "indicator_regions",
  {
    level: text("level", { enum: LEVELS }).notNull(),
    code: text("code").notNull(),
    nameFi: text("name_fi").notNull(),
    nameSv: text("name_sv").notNull(),
    nameEn: text("name_en").notNull(),
    /** For a municipality: its maakunta and wellbeing services county (for the map, Gini and projects). */
    maakuntaCode: text("maakunta_code"),
    wellbeingCountyCode: text("wellbeing_county_code"),
    /** Sotkanet's numeric region id (the data rows name regions by it). */
    sotkanetId: integer("sotkanet_id").unique(),
    historical: boolean("historical").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.level, t.code] })],
);

export const indicatorValues = pgTable(
  "indicator_values",
  {
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    level: text("level", { enum: LEVELS }).notNull(),
    regionCode: text("region_code").notNull(),
    year: integer("year").notNull(),
    gender: text("gender", { enum: GENDERS }).notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.level, t.regionCode, t.year, t.gender] }),
    index("indicator_values_area_idx").on(t.level, t.regionCode),
  ],
);

export const IMPORT_FORMATS = ["hos", "sotkanet", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const indicatorImportRuns = pgTable(
  "indicator_import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    format: text("format", { enum: IMPORT_FORMATS }).notNull(),
    fileName: text("file_name").notNull(),
    /** sha256 of the files, to skip a start-up load that was already done. */
    contentHash: text("content_hash").notNull(),
    /** Whether the run wrote anything. */
    saved: boolean("saved").notNull(),
    insertedCount: integer("inserted_count").notNull(),
    updatedCount: integer("updated_count").notNull(),
    unchangedCount: integer("unchanged_count").notNull(),
    rejectedCount: integer("rejected_count").notNull(),
    anomalyCount: integer("anomaly_count").notNull(),
    report: jsonb("report").notNull(),
  },
  (t) => [index("indicator_import_runs_created_idx").on(t.createdAt)],
);

/** A version of the deprivation index: which indicators belong to it (chosen by an administrator). */
export const indexVersions = pgTable("index_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** The version the public pages show; exactly one at a time. */
  current: boolean("current").notNull().default(false),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  computedAt: timestamp("computed_at", { withTimezone: true }),
});

export const indexVersionIndicators = pgTable(
  "index_version_indicators",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => indexVersions.id, { onDelete: "cascade" }),
    indicatorId: text("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.indicatorId] })],
);

export const INDEX_COMPONENTS = ["human", "social", "economic", "total", "gini"] as const;
export type IndexComponent = (typeof INDEX_COMPONENTS)[number];

/** Sokra's own index values (recomputed as a whole per version). */
export const indexValues = pgTable(
  "index_values",
  {
    versionId: uuid("version_id")
      .notNull()
      .references(() => indexVersions.id, { onDelete: "cascade" }),
    level: text("level", { enum: LEVELS }).notNull(),
    regionCode: text("region_code").notNull(),
    year: integer("year").notNull(),
    component: text("component", { enum: INDEX_COMPONENTS }).notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.level, t.year, t.component, t.regionCode] }),
    index("index_values_area_idx").on(t.versionId, t.level, t.regionCode),
  ],
);
