CREATE TABLE "survey_code_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"created_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"code" text,
	"answered_on" date NOT NULL,
	"source" text NOT NULL,
	"with_worker" boolean DEFAULT false NOT NULL,
	"language" text NOT NULL,
	"answers" smallint[] NOT NULL,
	"background" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"anonymous_token" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"min_respondents" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_code_batches" ADD CONSTRAINT "survey_code_batches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_codes" ADD CONSTRAINT "survey_codes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_codes" ADD CONSTRAINT "survey_codes_batch_id_survey_code_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."survey_code_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_round_id_survey_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."survey_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rounds" ADD CONSTRAINT "survey_rounds_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rounds" ADD CONSTRAINT "survey_rounds_instrument_id_survey_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."survey_instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rounds" ADD CONSTRAINT "survey_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_codes_batch" ON "survey_codes" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_instruments_key_version" ON "survey_instruments" USING btree ("key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_round_code" ON "survey_responses" USING btree ("round_id","code");--> statement-breakpoint
CREATE INDEX "survey_responses_round" ON "survey_responses" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_rounds_project_sequence" ON "survey_rounds" USING btree ("project_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_rounds_anonymous_token" ON "survey_rounds" USING btree ("anonymous_token");