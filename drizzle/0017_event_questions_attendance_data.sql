-- Events saved before several questions and per-session attendance: their one question becomes
-- question 1 (required: no), its answers move to event_answers, each session gets the event's
-- attendance code, and an "attended" mark (which did not say which session) counts for every session.
INSERT INTO "event_questions" ("event_id", "ordinal", "text_fi", "text_sv", "text_en", "required")
SELECT "id", 1, "question_fi", "question_sv", "question_en", false FROM "events" WHERE "question_fi" <> '';
--> statement-breakpoint
INSERT INTO "event_answers" ("registration_id", "question_id", "answer")
SELECT r."id", q."id", r."answer" FROM "event_registrations" r
JOIN "event_questions" q ON q."event_id" = r."event_id" AND q."ordinal" = 1
WHERE r."answer" IS NOT NULL AND r."answer" <> '';
--> statement-breakpoint
UPDATE "event_sessions" s SET "attendance_code" = e."attendance_code" FROM "events" e WHERE e."id" = s."event_id";
--> statement-breakpoint
INSERT INTO "event_attendance" ("registration_id", "session_id")
SELECT r."id", s."id" FROM "event_registrations" r JOIN "event_sessions" s ON s."event_id" = r."event_id"
WHERE r."attended";
