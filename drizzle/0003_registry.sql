CREATE TYPE "public"."organisation_type" AS ENUM('municipality', 'wellbeing_county', 'ngo', 'foundation', 'educational', 'university', 'parish', 'company', 'state_authority', 'other');--> statement-breakpoint
CREATE TYPE "public"."funder_kind" AS ENUM('ministry', 'regional_authority');--> statement-breakpoint
CREATE TYPE "public"."project_scope" AS ENUM('national', 'regional', 'local');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('idea', 'planning', 'applied', 'running', 'ended', 'embedded');--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text,
	"business_id" text,
	"type" "organisation_type" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_areas" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"code" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funders" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "funder_kind" NOT NULL,
	"regional_authority_id" text,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_funders" (
	"programme_id" text NOT NULL,
	"funder_id" text NOT NULL,
	CONSTRAINT "programme_funders_programme_id_funder_id_pk" PRIMARY KEY("programme_id","funder_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"period_start" text NOT NULL,
	"period_end" text NOT NULL,
	"regional_structure_id" text NOT NULL,
	"project_code_pattern" text
);
--> statement-breakpoint
CREATE TABLE "specific_objectives" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"code" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_areas" (
	"project_id" uuid NOT NULL,
	"area_id" text NOT NULL,
	CONSTRAINT "project_areas_project_id_area_id_pk" PRIMARY KEY("project_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "project_co_implementers" (
	"project_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "project_co_implementers_project_id_organisation_id_pk" PRIMARY KEY("project_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "project_maakunnat" (
	"project_id" uuid NOT NULL,
	"maakunta_code" text NOT NULL,
	CONSTRAINT "project_maakunnat_project_id_maakunta_code_pk" PRIMARY KEY("project_id","maakunta_code")
);
--> statement-breakpoint
CREATE TABLE "project_members" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "project_municipalities" (
	"project_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "project_municipalities_project_id_municipality_code_pk" PRIMARY KEY("project_id","municipality_code")
);
--> statement-breakpoint
CREATE TABLE "project_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"status" "project_status" NOT NULL,
	"changed_on" date NOT NULL,
	"changed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "project_target_groups" (
	"project_id" uuid NOT NULL,
	"target_group_id" text NOT NULL,
	CONSTRAINT "project_target_groups_project_id_target_group_id_pk" PRIMARY KEY("project_id","target_group_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"programme_id" text NOT NULL,
	"objective_id" text,
	"action_area_id" text,
	"scope" "project_scope" NOT NULL,
	"funder_id" text,
	"name_fi" text NOT NULL,
	"name_sv" text,
	"name_en" text,
	"summary_fi" text NOT NULL,
	"summary_sv" text,
	"summary_en" text,
	"lead_organisation_id" uuid,
	"planned_start" date,
	"planned_end" date,
	"actual_start" date,
	"actual_end" date,
	"budget_total" bigint,
	"public_funding" bigint,
	"participants_planned_women" integer,
	"participants_planned_men" integer,
	"participants_planned_other" integer,
	"participants_actual_women" integer,
	"participants_actual_men" integer,
	"participants_actual_other" integer,
	"website" text,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"status" "project_status" NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_areas" ADD CONSTRAINT "action_areas_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funders" ADD CONSTRAINT "funders_regional_authority_id_regional_authorities_id_fk" FOREIGN KEY ("regional_authority_id") REFERENCES "public"."regional_authorities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_funders" ADD CONSTRAINT "programme_funders_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_funders" ADD CONSTRAINT "programme_funders_funder_id_funders_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."funders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_regional_structure_id_regional_structures_id_fk" FOREIGN KEY ("regional_structure_id") REFERENCES "public"."regional_structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specific_objectives" ADD CONSTRAINT "specific_objectives_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_areas" ADD CONSTRAINT "project_areas_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_areas" ADD CONSTRAINT "project_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_co_implementers" ADD CONSTRAINT "project_co_implementers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_co_implementers" ADD CONSTRAINT "project_co_implementers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_maakunnat" ADD CONSTRAINT "project_maakunnat_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_maakunnat" ADD CONSTRAINT "project_maakunnat_maakunta_code_maakunnat_code_fk" FOREIGN KEY ("maakunta_code") REFERENCES "public"."maakunnat"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_municipalities" ADD CONSTRAINT "project_municipalities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_municipalities" ADD CONSTRAINT "project_municipalities_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status_history" ADD CONSTRAINT "project_status_history_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_status_history" ADD CONSTRAINT "project_status_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_target_groups" ADD CONSTRAINT "project_target_groups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_target_groups" ADD CONSTRAINT "project_target_groups_target_group_id_target_groups_id_fk" FOREIGN KEY ("target_group_id") REFERENCES "public"."target_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_objective_id_specific_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."specific_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_action_area_id_action_areas_id_fk" FOREIGN KEY ("action_area_id") REFERENCES "public"."action_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_funder_id_funders_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."funders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lead_organisation_id_organisations_id_fk" FOREIGN KEY ("lead_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_business_id_idx" ON "organisations" USING btree ("business_id");--> statement-breakpoint
CREATE INDEX "organisations_name_idx" ON "organisations" USING btree (lower("name_fi"));--> statement-breakpoint
CREATE INDEX "project_areas_area_idx" ON "project_areas" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "project_maakunnat_code_idx" ON "project_maakunnat" USING btree ("maakunta_code");--> statement-breakpoint
CREATE INDEX "project_members_user_idx" ON "project_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_municipalities_code_idx" ON "project_municipalities" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "project_status_history_project_idx" ON "project_status_history" USING btree ("project_id","changed_on");--> statement-breakpoint
CREATE INDEX "project_target_groups_tg_idx" ON "project_target_groups" USING btree ("target_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_code_idx" ON "projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "projects_programme_idx" ON "projects" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_action_area_idx" ON "projects" USING btree ("action_area_id");--> statement-breakpoint
CREATE INDEX "projects_name_fi_lower_idx" ON "projects" USING btree (lower("name_fi"));