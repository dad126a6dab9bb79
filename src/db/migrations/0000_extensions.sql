-- Trigram search for typo-tolerant customer search; btree_gist for exclusion constraints (appointments).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
