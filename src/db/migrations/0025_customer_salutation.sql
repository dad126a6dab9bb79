ALTER TABLE "customers" ADD COLUMN "salutation" text;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_salutation" CHECK ("customers"."salutation" in ('mr', 'ms', 'mx'));