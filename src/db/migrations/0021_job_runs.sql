CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job" text NOT NULL,
	"legal_entity_id" uuid,
	"boss_job_id" uuid,
	"attempt" integer DEFAULT 1 NOT NULL,
	"max_attempts" integer DEFAULT 1 NOT NULL,
	"trigger" text NOT NULL,
	"process" text NOT NULL,
	"outcome" text DEFAULT 'running' NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_runs_outcome" CHECK ("job_runs"."outcome" in ('running', 'ok', 'failed', 'dead')),
	CONSTRAINT "job_runs_trigger" CHECK ("job_runs"."trigger" in ('schedule', 'retry', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "job_runs" ADD CONSTRAINT "job_runs_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_boss_attempt" ON "job_runs" USING btree ("boss_job_id","attempt");--> statement-breakpoint
CREATE INDEX "job_runs_le_started" ON "job_runs" USING btree ("legal_entity_id","started_at");--> statement-breakpoint
CREATE INDEX "job_runs_started" ON "job_runs" USING btree ("started_at");