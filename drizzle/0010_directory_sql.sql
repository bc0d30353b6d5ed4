-- Trigram indexes of the directory search (word_similarity via the <% operator; pg_trgm from 0004).
CREATE INDEX IF NOT EXISTS "organisations_name_fi_trgm_idx" ON "organisations" USING gin ("name_fi" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "organisations_name_sv_trgm_idx" ON "organisations" USING gin ("name_sv" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "people_name_trgm_idx" ON "people" USING gin ("name" gin_trgm_ops);
