-- The registry version (see registry_version in src/modules/projects/schema.ts): one row, raised by
-- every statement that changes what the project search counts or orders, or the names it shows for
-- the facets (programmes, objectives, action areas, funders, target groups, areas, maakunnat,
-- municipalities). Statement-level triggers:
-- a bulk import raises it once per statement, not once per row.
INSERT INTO "registry_version" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "bump_registry_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "registry_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "projects_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "projects" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "project_areas_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "project_areas" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "project_maakunnat_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "project_maakunnat" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "project_municipalities_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "project_municipalities" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "project_target_groups_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "project_target_groups" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "organisations_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisations" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "municipalities_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "municipalities" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "programmes_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "programmes" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "specific_objectives_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "specific_objectives" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "action_areas_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "action_areas" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "funders_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "funders" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "target_groups_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "target_groups" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "areas_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "areas" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "maakunnat_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "maakunnat" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
