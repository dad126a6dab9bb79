CREATE TABLE "insight_model_fits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"model" text NOT NULL,
	"params" jsonb NOT NULL,
	"log_likelihood" double precision NOT NULL,
	"customers" integer NOT NULL,
	"period" text NOT NULL,
	"calibration_end" text NOT NULL,
	"converged" boolean NOT NULL,
	"duration_ms" integer NOT NULL,
	"fitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"transaction_model" text DEFAULT 'bgnbd' NOT NULL,
	"period" text DEFAULT 'week' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_url" text NOT NULL,
	"client_id" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"secret_expires_at" timestamp with time zone,
	"scope" text,
	"base_url" text NOT NULL,
	"customer_key" text DEFAULT 'accountNumber' NOT NULL,
	"last_validated_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measure_definitions" ADD COLUMN "external_field" text;--> statement-breakpoint
ALTER TABLE "measure_definitions" ADD COLUMN "last_run_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "measure_definitions" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "insight_model_fits" ADD CONSTRAINT "insight_model_fits_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_settings" ADD CONSTRAINT "insight_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_providers" ADD CONSTRAINT "measure_providers_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "insight_model_fits_le_model" ON "insight_model_fits" USING btree ("legal_entity_id","model");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_providers_le_name" ON "measure_providers" USING btree ("legal_entity_id","name");