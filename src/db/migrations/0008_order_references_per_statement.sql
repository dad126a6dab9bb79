ALTER TABLE "order_lines" DROP CONSTRAINT "order_lines_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "order_lines" DROP CONSTRAINT "order_lines_product_id_products_id_fk";
--> statement-breakpoint
ALTER TABLE "order_lines" DROP CONSTRAINT "order_lines_associate_id_associates_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_legal_entity_id_legal_entities_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_associate_id_associates_id_fk";
--> statement-breakpoint
-- Orders and order lines keep their references, checked once per statement rather than row by row: imports write
-- thousands of rows per statement, and a foreign key's check of each row and key (a query and a row lock apiece) was
-- half of the database's work in a first load. These functions and triggers give the guarantees of the foreign keys
-- they replace, under the same constraint names:
-- - a statement that inserts rows, or changes their references, locks every distinct key it refers to FOR KEY SHARE
--   (as a foreign key does, so the row cannot be deleted or re-keyed until the transaction ends) and fails with
--   foreign_key_violation when one is missing (a row deleted by a concurrent transaction is not found once it commits);
-- - deleting or re-keying a referenced row is refused (an order's delete takes its lines with it), and so is truncating
--   a referenced table while the referencing one has rows;
-- - outside READ COMMITTED such a delete, re-key or truncation is refused outright: its snapshot could miss a reference
--   committed meanwhile, which a foreign key catches with a second, newer snapshot that PL/pgSQL cannot take.
CREATE FUNCTION "check_references"(p_table text, p_column text, p_constraint text, p_referenced regclass, p_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  locked bigint;
  missing uuid;
BEGIN
  IF p_ids IS NULL THEN RETURN; END IF;
  -- One index probe and lock per key, whatever the statistics (a join could read the whole referenced table).
  EXECUTE format('SELECT count(*) FROM unnest($1) k CROSS JOIN LATERAL (SELECT 1 FROM %s r WHERE r.id = k FOR KEY SHARE OF r) x', p_referenced)
    INTO locked USING p_ids;
  IF locked < cardinality(p_ids) THEN
    EXECUTE format('SELECT k FROM unnest($1) k WHERE NOT EXISTS (SELECT 1 FROM %s r WHERE r.id = k) LIMIT 1', p_referenced) INTO missing USING p_ids;
    RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', p_table, p_constraint
      USING ERRCODE = 'foreign_key_violation', TABLE = p_table, COLUMN = p_column, CONSTRAINT = p_constraint,
        DETAIL = format('Key (%s)=(%s) is not present in table "%s".', p_column, missing, p_referenced);
  END IF;
END
$$;
--> statement-breakpoint
-- An insert checks every row's references; an update only those it changed (as a foreign key does). Each event's
-- trigger names its transition tables, so each branch reads only the tables its event has.
CREATE FUNCTION "order_lines_check_references"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  order_ids uuid[];
  product_ids uuid[];
  associate_ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT order_id), array_agg(DISTINCT product_id), array_agg(DISTINCT associate_id) FILTER (WHERE associate_id IS NOT NULL)
    INTO order_ids, product_ids, associate_ids FROM new_rows;
  ELSE
    SELECT array_agg(DISTINCT n.order_id) FILTER (WHERE n.order_id IS DISTINCT FROM o.order_id),
      array_agg(DISTINCT n.product_id) FILTER (WHERE n.product_id IS DISTINCT FROM o.product_id),
      array_agg(DISTINCT n.associate_id) FILTER (WHERE n.associate_id IS NOT NULL AND n.associate_id IS DISTINCT FROM o.associate_id)
    INTO order_ids, product_ids, associate_ids FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id;
  END IF;
  PERFORM check_references('order_lines', 'order_id', 'order_lines_order_id_orders_id_fk', 'orders', order_ids);
  PERFORM check_references('order_lines', 'product_id', 'order_lines_product_id_products_id_fk', 'products', product_ids);
  PERFORM check_references('order_lines', 'associate_id', 'order_lines_associate_id_associates_id_fk', 'associates', associate_ids);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "orders_check_references"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  legal_entity_ids uuid[];
  customer_ids uuid[];
  store_ids uuid[];
  associate_ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT legal_entity_id), array_agg(DISTINCT customer_id) FILTER (WHERE customer_id IS NOT NULL),
      array_agg(DISTINCT store_id) FILTER (WHERE store_id IS NOT NULL), array_agg(DISTINCT associate_id) FILTER (WHERE associate_id IS NOT NULL)
    INTO legal_entity_ids, customer_ids, store_ids, associate_ids FROM new_rows;
  ELSE
    SELECT array_agg(DISTINCT n.legal_entity_id) FILTER (WHERE n.legal_entity_id IS DISTINCT FROM o.legal_entity_id),
      array_agg(DISTINCT n.customer_id) FILTER (WHERE n.customer_id IS NOT NULL AND n.customer_id IS DISTINCT FROM o.customer_id),
      array_agg(DISTINCT n.store_id) FILTER (WHERE n.store_id IS NOT NULL AND n.store_id IS DISTINCT FROM o.store_id),
      array_agg(DISTINCT n.associate_id) FILTER (WHERE n.associate_id IS NOT NULL AND n.associate_id IS DISTINCT FROM o.associate_id)
    INTO legal_entity_ids, customer_ids, store_ids, associate_ids FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id;
  END IF;
  PERFORM check_references('orders', 'legal_entity_id', 'orders_legal_entity_id_legal_entities_id_fk', 'legal_entities', legal_entity_ids);
  PERFORM check_references('orders', 'customer_id', 'orders_customer_id_customers_id_fk', 'customers', customer_ids);
  PERFORM check_references('orders', 'store_id', 'orders_store_id_stores_id_fk', 'stores', store_ids);
  PERFORM check_references('orders', 'associate_id', 'orders_associate_id_associates_id_fk', 'associates', associate_ids);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "order_lines_references_inserted" AFTER INSERT ON "order_lines"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_lines_check_references"();
--> statement-breakpoint
CREATE TRIGGER "order_lines_references_updated" AFTER UPDATE ON "order_lines"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "order_lines_check_references"();
--> statement-breakpoint
CREATE TRIGGER "orders_references_inserted" AFTER INSERT ON "orders"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "orders_check_references"();
--> statement-breakpoint
CREATE TRIGGER "orders_references_updated" AFTER UPDATE ON "orders"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "orders_check_references"();
--> statement-breakpoint
-- The referenced side, one trigger per reference: arguments are the referencing table, its column, the constraint's
-- name, and 'cascade' where a delete takes the referencing rows with it (an order's lines). Row triggers, so an update
-- that keeps the key (nearly all of them) costs nothing. The rows are looked for with a new snapshot (READ COMMITTED),
-- which sees those of any transaction that had locked the deleted row and so made this delete wait for it.
CREATE FUNCTION "refuse_if_referenced"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  referencing text := TG_ARGV[0];
  col text := TG_ARGV[1];
  constraint_name text := TG_ARGV[2];
  cascade boolean := TG_ARGV[3] IS NOT DISTINCT FROM 'cascade';
  referenced boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN RETURN NULL; END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION '% of table "%" refused outside READ COMMITTED: "%" refers to it through "%"', lower(TG_OP), TG_TABLE_NAME, referencing, constraint_name
      USING ERRCODE = 'serialization_failure', HINT = 'Run it in a READ COMMITTED transaction (the default).';
  END IF;
  IF TG_OP = 'TRUNCATE' THEN
    -- Run once the whole command is done, so truncating the referencing table with it passes.
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I IS NOT NULL)', referencing, col) INTO referenced;
    IF referenced THEN
      RAISE EXCEPTION 'cannot truncate a table referenced in a foreign key constraint'
        USING ERRCODE = 'feature_not_supported', DETAIL = format('Table "%s" references "%s".', referencing, TG_TABLE_NAME),
          HINT = format('Truncate table "%s" at the same time.', referencing);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' AND cascade THEN
    EXECUTE format('DELETE FROM %I WHERE %I = $1', referencing, col) USING OLD.id;
    RETURN NULL;
  END IF;
  -- As a foreign key without an action (NO ACTION): the key may have come back within the statement.
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1) AND NOT EXISTS (SELECT 1 FROM %I WHERE id = $1)', referencing, col, TG_TABLE_NAME)
    INTO referenced USING OLD.id;
  IF referenced THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"', TG_TABLE_NAME, constraint_name, referencing
      USING ERRCODE = 'foreign_key_violation', TABLE = referencing, CONSTRAINT = constraint_name,
        DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', OLD.id, referencing);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "orders_referenced_by_order_lines" AFTER DELETE OR UPDATE OF "id" ON "orders"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('order_lines', 'order_id', 'order_lines_order_id_orders_id_fk', 'cascade');
--> statement-breakpoint
CREATE TRIGGER "orders_truncated_under_order_lines" AFTER TRUNCATE ON "orders"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('order_lines', 'order_id', 'order_lines_order_id_orders_id_fk');
--> statement-breakpoint
CREATE TRIGGER "products_referenced_by_order_lines" AFTER DELETE OR UPDATE OF "id" ON "products"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('order_lines', 'product_id', 'order_lines_product_id_products_id_fk');
--> statement-breakpoint
CREATE TRIGGER "products_truncated_under_order_lines" AFTER TRUNCATE ON "products"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('order_lines', 'product_id', 'order_lines_product_id_products_id_fk');
--> statement-breakpoint
CREATE TRIGGER "associates_referenced_by_order_lines" AFTER DELETE OR UPDATE OF "id" ON "associates"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('order_lines', 'associate_id', 'order_lines_associate_id_associates_id_fk');
--> statement-breakpoint
CREATE TRIGGER "associates_truncated_under_order_lines" AFTER TRUNCATE ON "associates"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('order_lines', 'associate_id', 'order_lines_associate_id_associates_id_fk');
--> statement-breakpoint
CREATE TRIGGER "associates_referenced_by_orders" AFTER DELETE OR UPDATE OF "id" ON "associates"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('orders', 'associate_id', 'orders_associate_id_associates_id_fk');
--> statement-breakpoint
CREATE TRIGGER "associates_truncated_under_orders" AFTER TRUNCATE ON "associates"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('orders', 'associate_id', 'orders_associate_id_associates_id_fk');
--> statement-breakpoint
CREATE TRIGGER "customers_referenced_by_orders" AFTER DELETE OR UPDATE OF "id" ON "customers"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('orders', 'customer_id', 'orders_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER "customers_truncated_under_orders" AFTER TRUNCATE ON "customers"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('orders', 'customer_id', 'orders_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER "stores_referenced_by_orders" AFTER DELETE OR UPDATE OF "id" ON "stores"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('orders', 'store_id', 'orders_store_id_stores_id_fk');
--> statement-breakpoint
CREATE TRIGGER "stores_truncated_under_orders" AFTER TRUNCATE ON "stores"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('orders', 'store_id', 'orders_store_id_stores_id_fk');
--> statement-breakpoint
CREATE TRIGGER "legal_entities_referenced_by_orders" AFTER DELETE OR UPDATE OF "id" ON "legal_entities"
  FOR EACH ROW EXECUTE FUNCTION "refuse_if_referenced"('orders', 'legal_entity_id', 'orders_legal_entity_id_legal_entities_id_fk');
--> statement-breakpoint
CREATE TRIGGER "legal_entities_truncated_under_orders" AFTER TRUNCATE ON "legal_entities"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_if_referenced"('orders', 'legal_entity_id', 'orders_legal_entity_id_legal_entities_id_fk');
