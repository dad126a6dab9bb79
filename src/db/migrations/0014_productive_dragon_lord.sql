ALTER TABLE "attribution_ledger" DROP CONSTRAINT "attribution_ledger_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "attribution_ledger" DROP CONSTRAINT "attribution_ledger_customer_id_customers_id_fk";
