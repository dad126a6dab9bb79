ALTER TABLE "attribution_ledger" ADD COLUMN "explanation_key" text;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD COLUMN "explanation_params" jsonb;--> statement-breakpoint
ALTER TABLE "measure_definitions" ADD COLUMN "last_error_notes" jsonb;