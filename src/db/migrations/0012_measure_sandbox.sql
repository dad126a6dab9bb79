-- SQL measures run as the role clienteling_measure, which can read only these views: one per customer-data table, with
-- the table's name and columns, showing only the rows of the legal entity of the run. A run inserts its legal entity
-- into measure_run_context, then turns read-only and is always rolled back: the row is seen by that transaction only,
-- and the measure can neither change it (no grant, read-only) nor redirect the views mid-query, as it could a setting
-- (any role may set_config a custom setting). No row or several is an error, never a wider view.
-- security_barrier keeps the measure's own conditions (a division by zero, say) from seeing other legal entities' rows
-- before the view's filter has removed them. No view for users, sessions, API tokens, secrets,
-- providers, the audit log or notes. The views list the tables' columns at creation (SELECT *): a later migration that
-- drops or adds a column of one of these tables recreates its view.
CREATE SCHEMA IF NOT EXISTS "measure_data";
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "public"."measure_run_context" ("legal_entity_id" uuid NOT NULL);
--> statement-breakpoint
-- Declared IMMUTABLE on purpose, though it reads a table: the planner then folds it to the run's legal entity while
-- planning, so its row estimates (and the cost ceiling that rests on them) use that legal entity's own statistics
-- rather than the average of all legal entities. Safe here because every run plans its query afresh (no plan is
-- reused across runs). STRICT INTO fails on anything but exactly one row; SECURITY DEFINER lets the measure role call it
-- without reading the table.
CREATE OR REPLACE FUNCTION "public"."measure_run_legal_entity"() RETURNS uuid
LANGUAGE plpgsql IMMUTABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE le uuid;
BEGIN
  SELECT "legal_entity_id" INTO STRICT le FROM "public"."measure_run_context";
  RETURN le;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "public"."measure_run_legal_entity"() FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."customers" WITH (security_barrier) AS
  SELECT * FROM "public"."customers" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."orders" WITH (security_barrier) AS
  SELECT * FROM "public"."orders" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."returns" WITH (security_barrier) AS
  SELECT * FROM "public"."returns" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."products" WITH (security_barrier) AS
  SELECT * FROM "public"."products" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."stores" WITH (security_barrier) AS
  SELECT * FROM "public"."stores" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."loyalty_accounts" WITH (security_barrier) AS
  SELECT * FROM "public"."loyalty_accounts" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."loyalty_ledger" WITH (security_barrier) AS
  SELECT * FROM "public"."loyalty_ledger" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."interactions" WITH (security_barrier) AS
  SELECT * FROM "public"."interactions" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."appointments" WITH (security_barrier) AS
  SELECT * FROM "public"."appointments" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."appointment_types" WITH (security_barrier) AS
  SELECT * FROM "public"."appointment_types" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."activities" WITH (security_barrier) AS
  SELECT * FROM "public"."activities" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."activity_types" WITH (security_barrier) AS
  SELECT * FROM "public"."activity_types" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."wishlist_items" WITH (security_barrier) AS
  SELECT * FROM "public"."wishlist_items" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."browsing_events" WITH (security_barrier) AS
  SELECT * FROM "public"."browsing_events" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."customer_attributes" WITH (security_barrier) AS
  SELECT * FROM "public"."customer_attributes" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."customer_attribute_values" WITH (security_barrier) AS
  SELECT * FROM "public"."customer_attribute_values" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."customer_preferences" WITH (security_barrier) AS
  SELECT * FROM "public"."customer_preferences" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."customer_consents" WITH (security_barrier) AS
  SELECT * FROM "public"."customer_consents" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."customer_measures" WITH (security_barrier) AS
  SELECT * FROM "public"."customer_measures" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."client_books" WITH (security_barrier) AS
  SELECT * FROM "public"."client_books" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."client_book_members" WITH (security_barrier) AS
  SELECT * FROM "public"."client_book_members" WHERE "legal_entity_id" = "public"."measure_run_legal_entity"();
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."order_lines" WITH (security_barrier) AS
  SELECT c.* FROM "public"."order_lines" c WHERE c."order_id" IN (SELECT p."id" FROM "public"."orders" p WHERE p."legal_entity_id" = "public"."measure_run_legal_entity"());
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."return_lines" WITH (security_barrier) AS
  SELECT c.* FROM "public"."return_lines" c WHERE c."return_id" IN (SELECT p."id" FROM "public"."returns" p WHERE p."legal_entity_id" = "public"."measure_run_legal_entity"());
--> statement-breakpoint
CREATE OR REPLACE VIEW "measure_data"."product_stock" WITH (security_barrier) AS
  SELECT c.* FROM "public"."product_stock" c WHERE c."product_id" IN (SELECT p."id" FROM "public"."products" p WHERE p."legal_entity_id" = "public"."measure_run_legal_entity"());
--> statement-breakpoint
-- The role is cluster-wide: created here when the migrating user may create roles (another database's migration may be
-- creating it at the same moment), otherwise by `npx clienteling db roles`, which also grants what follows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clienteling_measure') THEN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      BEGIN
        CREATE ROLE "clienteling_measure" NOLOGIN NOINHERIT;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END;
    ELSE
      RAISE NOTICE 'Role clienteling_measure not created (% may not create roles): run "npx clienteling db roles" as an administrator before using SQL measures.', current_user;
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clienteling_measure') THEN
    GRANT USAGE ON SCHEMA "measure_data" TO "clienteling_measure";
    GRANT SELECT ON ALL TABLES IN SCHEMA "measure_data" TO "clienteling_measure";
    GRANT EXECUTE ON FUNCTION "public"."measure_run_legal_entity"() TO "clienteling_measure";
    -- A migrating user that is not a superuser must be a member to SET ROLE to it (the app, when it migrates itself).
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
      BEGIN
        GRANT "clienteling_measure" TO CURRENT_USER;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'Could not make % a member of clienteling_measure: %', current_user, SQLERRM;
      END;
    END IF;
  END IF;
END $$;
