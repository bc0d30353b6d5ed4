-- The project page shows a project's people and its areas' coordinators; for anonymous visitors
-- it keeps them per registry version (directory/page-cache.ts), so a change to the directory
-- raises the version too (function from migration 0008).
CREATE TRIGGER "people_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "people" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "area_contacts_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "area_contacts" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
--> statement-breakpoint
CREATE TRIGGER "person_project_roles_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "person_project_roles" FOR EACH STATEMENT EXECUTE FUNCTION "bump_registry_version"();
