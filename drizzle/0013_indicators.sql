CREATE TABLE "index_values" (
	"version_id" uuid NOT NULL,
	"level" text NOT NULL,
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"component" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "index_values_version_id_level_year_component_region_code_pk" PRIMARY KEY("version_id","level","year","component","region_code")
);
--> statement-breakpoint
CREATE TABLE "index_version_indicators" (
	"version_id" uuid NOT NULL,
	"indicator_id" text NOT NULL,
	CONSTRAINT "index_version_indicators_version_id_indicator_id_pk" PRIMARY KEY("version_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "index_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_at" timestamp with time zone,
	CONSTRAINT "index_versions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "indicator_import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"content_hash" text NOT NULL,
	"saved" boolean NOT NULL,
	"inserted_count" integer NOT NULL,
	"updated_count" integer NOT NULL,
	"unchanged_count" integer NOT NULL,
	"rejected_count" integer NOT NULL,
	"anomaly_count" integer NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_regions" (
	"level" text NOT NULL,
	"code" text NOT NULL,
	"name_fi" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"maakunta_code" text,
	"wellbeing_county_code" text,
	"sotkanet_id" integer,
	"historical" boolean DEFAULT false NOT NULL,
	CONSTRAINT "indicator_regions_level_code_pk" PRIMARY KEY("level","code"),
	CONSTRAINT "indicator_regions_sotkanet_id_unique" UNIQUE("sotkanet_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"indicator_id" text NOT NULL,
	"level" text NOT NULL,
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"gender" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "indicator_values_indicator_id_level_region_code_year_gender_pk" PRIMARY KEY("indicator_id","level","region_code","year","gender")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"title_fi" text NOT NULL,
	"title_sv" text NOT NULL,
	"title_en" text NOT NULL,
	"description_fi" text,
	"kind" text NOT NULL,
	"dimension" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"age_focus" text NOT NULL,
	"survey" boolean DEFAULT false NOT NULL,
	"levels" jsonb NOT NULL,
	"first_year" integer,
	"last_year" integer,
	"licence" text NOT NULL,
	"attribution" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "index_values" ADD CONSTRAINT "index_values_version_id_index_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."index_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_version_indicators" ADD CONSTRAINT "index_version_indicators_version_id_index_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."index_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_version_indicators" ADD CONSTRAINT "index_version_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_versions" ADD CONSTRAINT "index_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_import_runs" ADD CONSTRAINT "indicator_import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "index_values_area_idx" ON "index_values" USING btree ("version_id","level","region_code");--> statement-breakpoint
CREATE INDEX "indicator_import_runs_created_idx" ON "indicator_import_runs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "indicator_values_area_idx" ON "indicator_values" USING btree ("level","region_code");