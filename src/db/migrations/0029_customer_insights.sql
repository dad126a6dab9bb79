CREATE TABLE "customer_insights" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"first_day" integer,
	"last_day" integer,
	"purchase_days" integer,
	"spend" double precision,
	"repeat_spend" double precision,
	"recency_below" integer,
	"frequency_below" integer,
	"monetary_below" integer,
	"rfm_score" smallint,
	"rfm_segment" text,
	"expected_spend" double precision,
	"p_alive" double precision,
	"expected_purchases_90d" double precision,
	"clv_12m" double precision,
	"expected_purchases_12m" double precision,
	"clv_book_percentile" double precision,
	"next_best_action" text,
	"next_best_action_score" double precision,
	"next_best_action_drivers" jsonb
);
--> statement-breakpoint
CREATE TABLE "insight_runs" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"context" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_insights" ADD CONSTRAINT "customer_insights_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_insights" ADD CONSTRAINT "customer_insights_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_runs" ADD CONSTRAINT "insight_runs_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_insights_le" ON "customer_insights" USING btree ("legal_entity_id");--> statement-breakpoint
-- Every measure value as a row, as customer_measures held them all before: SQL and external measures from
-- customer_measures, the built-in ones unpivoted from customer_insights (one row a customer). Built-in rows have no
-- drivers here; the customer card derives them from the customer's row and the run's context. A NaN value (the model
-- gave none for this customer) reads as null, as it was stored before.
CREATE VIEW "public"."customer_measure_values" AS
  SELECT "customer_id", "measure_key", "legal_entity_id", "value_number", "value_text", "drivers", "computed_at"
  FROM "public"."customer_measures"
  UNION ALL
  SELECT i."customer_id", v."measure_key", i."legal_entity_id", v."value_number", v."value_text", NULL::jsonb, i."computed_at"
  FROM "public"."customer_insights" i CROSS JOIN LATERAL (VALUES
    ('rfm_segment'::text, NULL::double precision, i."rfm_segment", i."first_day" IS NOT NULL),
    ('rfm_score', i."rfm_score"::double precision, i."rfm_score"::text, i."first_day" IS NOT NULL),
    ('expected_spend', NULLIF(i."expected_spend", 'NaN'), NULL, i."first_day" IS NOT NULL),
    ('p_alive', NULLIF(i."p_alive", 'NaN'), NULL, i."p_alive" IS NOT NULL),
    ('churn_probability', 1 - NULLIF(i."p_alive", 'NaN'), NULL, i."p_alive" IS NOT NULL),
    ('expected_purchases_90d', NULLIF(i."expected_purchases_90d", 'NaN'), NULL, i."p_alive" IS NOT NULL),
    ('clv_12m', NULLIF(i."clv_12m", 'NaN'), NULL, i."p_alive" IS NOT NULL),
    ('next_best_action', i."next_best_action_score", i."next_best_action", i."next_best_action" IS NOT NULL)
  ) AS v("measure_key", "value_number", "value_text", "present")
  WHERE v."present";
--> statement-breakpoint
-- SQL measures read every measure value, built-in ones included, as they did when all were in customer_measures.
CREATE OR REPLACE VIEW "measure_data"."customer_measures" WITH (security_barrier) AS
  SELECT * FROM "public"."customer_measure_values" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
