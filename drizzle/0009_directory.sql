CREATE TYPE "public"."area_contact_role" AS ENUM('coordinator', 'researcher');--> statement-breakpoint
CREATE TYPE "public"."person_project_role" AS ENUM('project_manager', 'worker', 'steering_group', 'funder_contact', 'coordinator_contact');--> statement-breakpoint
CREATE TYPE "public"."person_visibility" AS ENUM('public', 'signed_in', 'coordinators');--> statement-breakpoint
CREATE TABLE "area_contacts" (
	"area_id" text NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "area_contact_role" NOT NULL,
	CONSTRAINT "area_contacts_area_id_person_id_role_pk" PRIMARY KEY("area_id","person_id","role")
);
--> statement-breakpoint
CREATE TABLE "directory_import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"saved" boolean NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text,
	"title" text,
	"organisation_id" uuid,
	"email" text,
	"phone" text,
	"visibility" "person_visibility" NOT NULL,
	"consent_on" date NOT NULL,
	"user_id" uuid,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_project_roles" (
	"person_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"role" "person_project_role" NOT NULL,
	CONSTRAINT "person_project_roles_person_id_project_id_role_pk" PRIMARY KEY("person_id","project_id","role")
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "home_municipality_code" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "area_contacts" ADD CONSTRAINT "area_contacts_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_contacts" ADD CONSTRAINT "area_contacts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_import_runs" ADD CONSTRAINT "directory_import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_project_roles" ADD CONSTRAINT "person_project_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_project_roles" ADD CONSTRAINT "person_project_roles_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_contacts_person_idx" ON "area_contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "directory_import_runs_created_by_idx" ON "directory_import_runs" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "people_user_idx" ON "people" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "people_organisation_idx" ON "people" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "person_project_roles_project_idx" ON "person_project_roles" USING btree ("project_id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_home_municipality_code_municipalities_code_fk" FOREIGN KEY ("home_municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;