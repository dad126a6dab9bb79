CREATE TABLE "attribute_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_attribute_values" (
	"customer_id" uuid NOT NULL,
	"attribute_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"value_text" text,
	"value_number" double precision,
	"value_date" date,
	"value_boolean" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_attribute_values_customer_id_attribute_id_pk" PRIMARY KEY("customer_id","attribute_id")
);
--> statement-breakpoint
CREATE TABLE "customer_attributes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"data_type" text NOT NULL,
	"can_be_refined" boolean DEFAULT false NOT NULL,
	"display_order" integer DEFAULT 100 NOT NULL,
	"list_values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_attributes_type" CHECK ("customer_attributes"."data_type" in ('text', 'number', 'date', 'boolean', 'list'))
);
--> statement-breakpoint
ALTER TABLE "attribute_groups" ADD CONSTRAINT "attribute_groups_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attribute_values" ADD CONSTRAINT "customer_attribute_values_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attribute_values" ADD CONSTRAINT "customer_attribute_values_attribute_id_customer_attributes_id_fk" FOREIGN KEY ("attribute_id") REFERENCES "public"."customer_attributes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attribute_values" ADD CONSTRAINT "customer_attribute_values_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attributes" ADD CONSTRAINT "customer_attributes_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attributes" ADD CONSTRAINT "customer_attributes_group_id_attribute_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."attribute_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attribute_groups_le_name" ON "attribute_groups" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE INDEX "cav_attr_text" ON "customer_attribute_values" USING btree ("attribute_id","value_text","customer_id");--> statement-breakpoint
CREATE INDEX "cav_attr_number" ON "customer_attribute_values" USING btree ("attribute_id","value_number","customer_id");--> statement-breakpoint
CREATE INDEX "cav_attr_date" ON "customer_attribute_values" USING btree ("attribute_id","value_date","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_attributes_le_name" ON "customer_attributes" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE INDEX "customer_attributes_group" ON "customer_attributes" USING btree ("group_id","display_order");