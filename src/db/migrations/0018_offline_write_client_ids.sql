ALTER TABLE "activities" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD COLUMN "client_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_le_client_id" ON "activities" USING btree ("legal_entity_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_notes_le_client_id" ON "customer_notes" USING btree ("legal_entity_id","client_id");