CREATE TABLE "outreach_introductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"template_id" uuid,
	"subject" text,
	"body" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"message_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "outreach_introductions_status" CHECK ("outreach_introductions"."status" in ('pending', 'queued', 'not-sent'))
);
--> statement-breakpoint
ALTER TABLE "outreach_introductions" ADD CONSTRAINT "outreach_introductions_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_introductions" ADD CONSTRAINT "outreach_introductions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_introductions" ADD CONSTRAINT "outreach_introductions_sender_id_associates_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_introductions" ADD CONSTRAINT "outreach_introductions_requested_by_id_associates_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_introductions" ADD CONSTRAINT "outreach_introductions_template_id_outreach_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."outreach_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_introductions" ADD CONSTRAINT "outreach_introductions_message_id_outreach_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outreach_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_introductions_once" ON "outreach_introductions" USING btree ("legal_entity_id","sender_id","customer_id");--> statement-breakpoint
CREATE INDEX "outreach_introductions_due" ON "outreach_introductions" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outreach_introductions_customer" ON "outreach_introductions" USING btree ("customer_id");