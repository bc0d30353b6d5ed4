import { integer, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { regionalAuthorities, regionalStructures } from "../regions/schema.ts";

/** A funding programme (e.g. ESF 2014–2020 priority axis 5). Loaded from data/programmes/*.json. */
export const programmes = pgTable("programmes", {
  id: text("id").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  periodStart: text("period_start").notNull(),
  periodEnd: text("period_end").notNull(),
  regionalStructureId: text("regional_structure_id")
    .notNull()
    .references(() => regionalStructures.id),
  /** Regular expression a project code of this programme must match (EURA: ^S\d{5}$). */
  projectCodePattern: text("project_code_pattern"),
});

/** Id: "<programme>:<code>", e.g. "esf-2014-2020-tl5:10.1". */
export const specificObjectives = pgTable("specific_objectives", {
  id: text("id").primaryKey(),
  programmeId: text("programme_id")
    .notNull()
    .references(() => programmes.id),
  code: text("code").notNull(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
});

/** Id: "<programme>:<code>". */
export const actionAreas = pgTable("action_areas", {
  id: text("id").primaryKey(),
  programmeId: text("programme_id")
    .notNull()
    .references(() => programmes.id),
  code: text("code").notNull(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

export const funderKindEnum = pgEnum("funder_kind", ["ministry", "regional_authority"]);

export const funders = pgTable("funders", {
  id: text("id").primaryKey(),
  kind: funderKindEnum("kind").notNull(),
  regionalAuthorityId: text("regional_authority_id").references(() => regionalAuthorities.id),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
});

export const programmeFunders = pgTable(
  "programme_funders",
  {
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id),
    funderId: text("funder_id")
      .notNull()
      .references(() => funders.id),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.funderId] })],
);

/** Target groups: a controlled list (DOMAIN.md §1) that an administrator can extend. */
export const targetGroups = pgTable("target_groups", {
  id: text("id").primaryKey(),
  nameFi: text("name_fi").notNull(),
  nameSv: text("name_sv").notNull(),
  nameEn: text("name_en").notNull(),
  sortOrder: integer("sort_order").notNull(),
});
