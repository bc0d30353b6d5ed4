import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../accounts/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { actionAreas, funders, programmes, specificObjectives, targetGroups } from "../programmes/schema.ts";
import { areas, maakunnat, municipalities } from "../regions/schema.ts";
import { SCOPES, STATUSES } from "./rules.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const scopeEnum = pgEnum("project_scope", SCOPES);
export const statusEnum = pgEnum("project_status", STATUSES);

export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id),
    objectiveId: text("objective_id").references(() => specificObjectives.id),
    actionAreaId: text("action_area_id").references(() => actionAreas.id),
    scope: scopeEnum("scope").notNull(),
    funderId: text("funder_id").references(() => funders.id),
    nameFi: text("name_fi").notNull(),
    nameSv: text("name_sv"),
    nameEn: text("name_en"),
    /** Required in the project form; null only for imported records whose source has no public summary (EURA). */
    summaryFi: text("summary_fi"),
    summarySv: text("summary_sv"),
    summaryEn: text("summary_en"),
    leadOrganisationId: uuid("lead_organisation_id").references(() => organisations.id),
    plannedStart: date("planned_start"),
    plannedEnd: date("planned_end"),
    actualStart: date("actual_start"),
    actualEnd: date("actual_end"),
    /** Euros, whole. */
    budgetTotal: bigint("budget_total", { mode: "number" }),
    publicFunding: bigint("public_funding", { mode: "number" }),
    participantsPlannedWomen: integer("participants_planned_women"),
    participantsPlannedMen: integer("participants_planned_men"),
    participantsPlannedOther: integer("participants_planned_other"),
    participantsActualWomen: integer("participants_actual_women"),
    participantsActualMen: integer("participants_actual_men"),
    participantsActualOther: integer("participants_actual_other"),
    website: text("website"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    status: statusEnum("status").notNull(),
    /** Where an imported record came from (e.g. its public EURA 2014 page). */
    sourceUrl: text("source_url"),
    /** Generated demo data is marked so that the UI can say so. */
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Finnish full-text vector: name (weight A) and summary (B), stemmed with the finnish configuration. */
    searchFi: tsvector("search_fi").generatedAlwaysAs(
      sql`setweight(to_tsvector('finnish'::regconfig, coalesce(name_fi, '')), 'A') || setweight(to_tsvector('finnish'::regconfig, coalesce(summary_fi, '')), 'B')`,
    ),
    /** Swedish full-text vector of the Swedish name and summary. */
    searchSv: tsvector("search_sv").generatedAlwaysAs(
      sql`setweight(to_tsvector('swedish'::regconfig, coalesce(name_sv, '')), 'A') || setweight(to_tsvector('swedish'::regconfig, coalesce(summary_sv, '')), 'B')`,
    ),
  },
  (t) => [
    uniqueIndex("projects_code_idx").on(t.code),
    index("projects_search_fi_idx").using("gin", t.searchFi),
    index("projects_search_sv_idx").using("gin", t.searchSv),
    index("projects_name_trgm_idx").using("gin", sql`${t.nameFi} gin_trgm_ops`),
    index("projects_programme_idx").on(t.programmeId),
    index("projects_status_idx").on(t.status),
    index("projects_action_area_idx").on(t.actionAreaId),
    index("projects_name_fi_lower_idx").on(sql`lower(${t.nameFi})`),
  ],
);

/** Municipalities a project serves. */
export const projectMunicipalities = pgTable(
  "project_municipalities",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    municipalityCode: text("municipality_code")
      .notNull()
      .references(() => municipalities.code),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.municipalityCode] }), index("project_municipalities_code_idx").on(t.municipalityCode)],
);

/** Maakunnat a project serves (regional projects; a national one serves the whole country). */
export const projectMaakunnat = pgTable(
  "project_maakunnat",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    maakuntaCode: text("maakunta_code")
      .notNull()
      .references(() => maakunnat.code),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.maakuntaCode] }), index("project_maakunnat_code_idx").on(t.maakuntaCode)],
);

/** Coordination areas derived from what the project serves (rules.deriveAreas); never typed by hand. */
export const projectAreas = pgTable(
  "project_areas",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.areaId] }), index("project_areas_area_idx").on(t.areaId)],
);

export const projectTargetGroups = pgTable(
  "project_target_groups",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    targetGroupId: text("target_group_id")
      .notNull()
      .references(() => targetGroups.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.targetGroupId] }), index("project_target_groups_tg_idx").on(t.targetGroupId)],
);

/** The roles of other organisations than the lead in a project: co-implementer or partner. */
export const CO_ORGANISATION_ROLES = ["co_implementer", "partner"] as const;
export type CoOrganisationRole = (typeof CO_ORGANISATION_ROLES)[number];

/** The organisations besides the lead: co-implementers (share the implementation) and partners (take part without implementing). */
export const projectCoImplementers = pgTable(
  "project_co_implementers",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: text("role", { enum: CO_ORGANISATION_ROLES }).notNull().default("co_implementer"),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.organisationId] })],
);

/** Every status a project has had, with the day it changed. */
export const projectStatusHistory = pgTable(
  "project_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    status: statusEnum("status").notNull(),
    changedOn: date("changed_on").notNull(),
    changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("project_status_history_project_idx").on(t.projectId, t.changedOn)],
);

/** Project members: users bound to a project by a coordinator; they may edit it. */
export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("project_members_user_idx").on(t.userId)],
);

export const IMPORT_MODES = ["all_or_nothing", "skip_rejected"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * One CSV import of projects and its row-by-row report (JSON, see import-service.ts ImportReport).
 * The report is stored so that the result page is a GET: reloading it never imports twice.
 */
export const projectImportRuns = pgTable(
  "project_import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    fileName: text("file_name").notNull(),
    mode: text("mode", { enum: IMPORT_MODES }).notNull(),
    /** Whether the run wrote anything (false when all-or-nothing met a rejected row). */
    saved: boolean("saved").notNull(),
    createdCount: integer("created_count").notNull(),
    updatedCount: integer("updated_count").notNull(),
    unchangedCount: integer("unchanged_count").notNull(),
    rejectedCount: integer("rejected_count").notNull(),
    report: jsonb("report").notNull(),
  },
  (t) => [index("project_import_runs_created_by_idx").on(t.createdBy, t.createdAt)],
);

/**
 * The registry's version: one row whose number triggers (migration 0008) raise in every statement
 * that changes projects, their served areas, municipalities, maakunnat or target groups,
 * organisations, or the reference rows whose names the search shows (programmes, objectives,
 * action areas, funders, target groups, areas, maakunnat, municipalities). Being a row, a change becomes visible with its transaction's
 * commit; the search's in-memory facet index, text-match cache and labels belong to one version
 * (search.ts, docs/decisions/0010).
 */
export const registryVersion = pgTable(
  "registry_version",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("registry_version_single_row", sql`${t.id} = 1`)],
);
