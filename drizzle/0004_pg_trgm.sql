-- Trigram matching for typo-tolerant search (bundled with PostgreSQL; PGlite loads it as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
