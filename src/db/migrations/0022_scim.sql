CREATE TABLE "hand_over_rules" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"rule" text DEFAULT 'store-queue' NOT NULL,
	"successor_associate_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hand_over_rules_successor_named" CHECK ("hand_over_rules"."rule" <> 'successor' or "hand_over_rules"."successor_associate_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "hand_over_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"store_id" uuid,
	"leaving_associate_id" uuid NOT NULL,
	"successor_associate_id" uuid,
	"customer_count" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid
);
--> statement-breakpoint
ALTER TABLE "hand_over_rules" ADD CONSTRAINT "hand_over_rules_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_over_rules" ADD CONSTRAINT "hand_over_rules_successor_associate_id_associates_id_fk" FOREIGN KEY ("successor_associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_over_tasks" ADD CONSTRAINT "hand_over_tasks_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_over_tasks" ADD CONSTRAINT "hand_over_tasks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_over_tasks" ADD CONSTRAINT "hand_over_tasks_leaving_associate_id_associates_id_fk" FOREIGN KEY ("leaving_associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_over_tasks" ADD CONSTRAINT "hand_over_tasks_successor_associate_id_associates_id_fk" FOREIGN KEY ("successor_associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_over_tasks" ADD CONSTRAINT "hand_over_tasks_done_by_associates_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hand_over_tasks_le_status" ON "hand_over_tasks" USING btree ("legal_entity_id","status","created_at");