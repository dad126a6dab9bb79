CREATE TABLE "attribution_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"store_id" uuid,
	"customer_id" uuid,
	"category" text NOT NULL,
	"share" numeric(5, 4) NOT NULL,
	"amount_minor" bigint NOT NULL,
	"rule" text NOT NULL,
	"explanation" text NOT NULL,
	"outreach_message_id" uuid,
	"sales_group_id" uuid,
	"attributed_at" timestamp with time zone NOT NULL,
	"period" date NOT NULL,
	"reversed_by" uuid,
	"reverses_entry_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribution_ledger_share" CHECK ("attribution_ledger"."share" > 0 and "attribution_ledger"."share" <= 1),
	CONSTRAINT "attribution_ledger_rule" CHECK ("attribution_ledger"."rule" in ('till', 'remote-order', 'outreach', 'sales-group'))
);
--> statement-breakpoint
CREATE TABLE "attribution_processed" (
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribution_processed_source_kind_source_id_pk" PRIMARY KEY("source_kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "attribution_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"outreach_window_days" integer DEFAULT 14 NOT NULL,
	"last_run_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribution_settings_window" CHECK ("attribution_settings"."outreach_window_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "commission_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"default_rate_bp" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commission_plans_rate" CHECK ("commission_plans"."default_rate_bp" between 0 and 10000),
	CONSTRAINT "commission_plans_range" CHECK ("commission_plans"."valid_to" is null or "commission_plans"."valid_to" >= "commission_plans"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "commission_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"store_id" uuid,
	"category" text,
	"rate_bp" integer NOT NULL,
	CONSTRAINT "commission_rates_plan_store_category" UNIQUE NULLS NOT DISTINCT("plan_id","store_id","category"),
	CONSTRAINT "commission_rates_rate" CHECK ("commission_rates"."rate_bp" between 0 and 10000),
	CONSTRAINT "commission_rates_specific" CHECK ("commission_rates"."store_id" is not null or "commission_rates"."category" is not null)
);
--> statement-breakpoint
CREATE TABLE "commission_sales_group_members" (
	"sales_group_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"share_bp" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "commission_sales_group_members_sales_group_id_associate_id_pk" PRIMARY KEY("sales_group_id","associate_id"),
	CONSTRAINT "commission_sales_group_members_share" CHECK ("commission_sales_group_members"."share_bp" > 0 and "commission_sales_group_members"."share_bp" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "commission_sales_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"store_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "category_complements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"from_category" text NOT NULL,
	"to_category" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "category_complements_distinct" CHECK ("category_complements"."from_category" <> "category_complements"."to_category")
);
--> statement-breakpoint
CREATE TABLE "product_association_rules" (
	"legal_entity_id" uuid NOT NULL,
	"antecedent_product_id" uuid NOT NULL,
	"consequent_product_id" uuid NOT NULL,
	"support" double precision NOT NULL,
	"confidence" double precision NOT NULL,
	"lift" double precision NOT NULL,
	"count" integer NOT NULL,
	"mined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "product_association_rules_legal_entity_id_antecedent_product_id_consequent_product_id_pk" PRIMARY KEY("legal_entity_id","antecedent_product_id","consequent_product_id")
);
--> statement-breakpoint
CREATE TABLE "product_popularity" (
	"legal_entity_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"baskets" integer NOT NULL,
	"mined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "product_popularity_legal_entity_id_product_id_pk" PRIMARY KEY("legal_entity_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation_mining_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"triggered_by" uuid,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"baskets" integer,
	"products" integer,
	"rules" integer,
	"duration_ms" integer,
	"min_support_count" integer,
	"min_confidence" double precision,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "recommendation_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"min_support_count" integer DEFAULT 3 NOT NULL,
	"min_confidence" double precision DEFAULT 0.05 NOT NULL,
	"lookback_days" integer DEFAULT 730 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_settings_min_count" CHECK ("recommendation_settings"."min_support_count" >= 1),
	CONSTRAINT "recommendation_settings_confidence" CHECK ("recommendation_settings"."min_confidence" >= 0 and "recommendation_settings"."min_confidence" <= 1),
	CONSTRAINT "recommendation_settings_lookback" CHECK ("recommendation_settings"."lookback_days" >= 1)
);
--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD COLUMN "cleared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_reversed_by_return_lines_id_fk" FOREIGN KEY ("reversed_by") REFERENCES "public"."return_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_processed" ADD CONSTRAINT "attribution_processed_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_settings" ADD CONSTRAINT "attribution_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_plans" ADD CONSTRAINT "commission_plans_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rates" ADD CONSTRAINT "commission_rates_plan_id_commission_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."commission_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rates" ADD CONSTRAINT "commission_rates_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_group_members" ADD CONSTRAINT "commission_sales_group_members_sales_group_id_commission_sales_groups_id_fk" FOREIGN KEY ("sales_group_id") REFERENCES "public"."commission_sales_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_group_members" ADD CONSTRAINT "commission_sales_group_members_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_groups" ADD CONSTRAINT "commission_sales_groups_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_groups" ADD CONSTRAINT "commission_sales_groups_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_complements" ADD CONSTRAINT "category_complements_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_association_rules" ADD CONSTRAINT "product_association_rules_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_association_rules" ADD CONSTRAINT "product_association_rules_antecedent_product_id_products_id_fk" FOREIGN KEY ("antecedent_product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_association_rules" ADD CONSTRAINT "product_association_rules_consequent_product_id_products_id_fk" FOREIGN KEY ("consequent_product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_popularity" ADD CONSTRAINT "product_popularity_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_popularity" ADD CONSTRAINT "product_popularity_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_mining_runs" ADD CONSTRAINT "recommendation_mining_runs_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_mining_runs" ADD CONSTRAINT "recommendation_mining_runs_triggered_by_associates_id_fk" FOREIGN KEY ("triggered_by") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_settings" ADD CONSTRAINT "recommendation_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attribution_ledger_line_associate_rule" ON "attribution_ledger" USING btree ("order_line_id","associate_id","rule") WHERE "attribution_ledger"."reversed_by" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "attribution_ledger_return_entry" ON "attribution_ledger" USING btree ("reversed_by","reverses_entry_id") WHERE "attribution_ledger"."reversed_by" is not null;--> statement-breakpoint
CREATE INDEX "attribution_ledger_associate_period" ON "attribution_ledger" USING btree ("legal_entity_id","associate_id","period");--> statement-breakpoint
CREATE INDEX "attribution_ledger_store_at" ON "attribution_ledger" USING btree ("legal_entity_id","store_id","attributed_at");--> statement-breakpoint
CREATE INDEX "attribution_processed_le" ON "attribution_processed" USING btree ("legal_entity_id");--> statement-breakpoint
CREATE INDEX "commission_plans_le_from" ON "commission_plans" USING btree ("legal_entity_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_sales_group_members_associate" ON "commission_sales_group_members" USING btree ("associate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_sales_groups_le_name" ON "commission_sales_groups" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "category_complements_le_from_to" ON "category_complements" USING btree ("legal_entity_id","from_category","to_category");--> statement-breakpoint
CREATE INDEX "product_rules_le_antecedent_lift" ON "product_association_rules" USING btree ("legal_entity_id","antecedent_product_id","lift");--> statement-breakpoint
CREATE INDEX "recommendation_mining_runs_le_started" ON "recommendation_mining_runs" USING btree ("legal_entity_id","started_at");