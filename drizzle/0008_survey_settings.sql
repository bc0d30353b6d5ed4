CREATE TABLE "survey_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"min_respondents" integer NOT NULL
);
