ALTER TABLE "event_sessions" ALTER COLUMN "attendance_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "event_registrations" DROP COLUMN "answer";--> statement-breakpoint
ALTER TABLE "event_registrations" DROP COLUMN "attended";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "question_fi";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "question_sv";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "question_en";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "attendance_code";