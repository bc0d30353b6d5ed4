import { boolean, date, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema.ts";
import { organisations } from "../organisations/schema.ts";
import { projects } from "../projects/schema.ts";
import { areas } from "../regions/schema.ts";

/** Who may see a person's entry and contact details: the person chooses (docs/decisions/0011). */
export const VISIBILITIES = ["public", "signed_in", "coordinators"] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const visibilityEnum = pgEnum("person_visibility", VISIBILITIES);

/** A person's roles in projects. */
export const PROJECT_ROLES = ["project_manager", "worker", "steering_group", "funder_contact", "coordinator_contact"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export const projectRoleEnum = pgEnum("person_project_role", PROJECT_ROLES);

/** What a person does for a coordination area. */
export const AREA_ROLES = ["coordinator", "researcher"] as const;
export type AreaRole = (typeof AREA_ROLES)[number];
export const areaRoleEnum = pgEnum("area_contact_role", AREA_ROLES);

/**
 * People of the network. The entry is shown only to those its visibility allows (policy.maySeePerson).
 * An erased person keeps an anonymous row only while records of others (project roles, area
 * contacts) still refer to it: name null, no contact details, erasedAt set.
 */
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name"),
    title: text("title"),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    email: text("email"),
    phone: text("phone"),
    visibility: visibilityEnum("visibility").notNull(),
    /** The day the person chose (or last changed) their visibility. */
    consentOn: date("consent_on").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("people_user_idx").on(t.userId), index("people_organisation_idx").on(t.organisationId)],
);

export const personProjectRoles = pgTable(
  "person_project_roles",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    role: projectRoleEnum("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.projectId, t.role] }), index("person_project_roles_project_idx").on(t.projectId)],
);

/** The coordinators and researchers of each coordination area. */
export const areaContacts = pgTable(
  "area_contacts",
  {
    areaId: text("area_id")
      .notNull()
      .references(() => areas.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: areaRoleEnum("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.personId, t.role] }), index("area_contacts_person_idx").on(t.personId)],
);

export const IMPORT_KINDS = ["organisations", "people"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One CSV import of organisations or people and its row-by-row report (import-service.ts DirectoryImportReport). */
export const directoryImportRuns = pgTable(
  "directory_import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    fileName: text("file_name").notNull(),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    mode: text("mode", { enum: ["all_or_nothing", "skip_rejected"] }).notNull(),
    /** Whether the run wrote anything (false when all-or-nothing met a rejected row). */
    saved: boolean("saved").notNull(),
    report: jsonb("report").notNull(),
  },
  (t) => [index("directory_import_runs_created_by_idx").on(t.createdBy, t.createdAt)],
);
