ALTER TABLE "client_book_members" ADD COLUMN "attribute_values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- A customer's attribute values as one object {attributeId: value}: text and list values as strings, numbers as numbers,
-- dates as 'YYYY-MM-DD' strings, yes/no as booleans.
CREATE OR REPLACE FUNCTION "customer_attribute_values_json"(p_customer uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_object_agg(v.attribute_id::text, v.value), '{}'::jsonb)
  FROM (SELECT attribute_id, coalesce(to_jsonb(value_text), to_jsonb(value_number), to_jsonb(value_date), to_jsonb(value_boolean)) AS value
        FROM customer_attribute_values WHERE customer_id = p_customer) v
  WHERE v.value IS NOT NULL
$$;
--> statement-breakpoint
-- A membership starts with (and follows a merge's move of) its customer's attribute values.
CREATE OR REPLACE FUNCTION "client_book_members_fill_attributes"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.attribute_values := customer_attribute_values_json(NEW.customer_id);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "client_book_members_fill_attributes" BEFORE INSERT OR UPDATE OF "customer_id" ON "client_book_members"
  FOR EACH ROW EXECUTE FUNCTION "client_book_members_fill_attributes"();
--> statement-breakpoint
-- Any change to attribute values (a form, an import, a merge, an attribute deleted) refreshes the customers' memberships,
-- once per statement for all the customers it touched. Each event's trigger names its transition tables, so each branch
-- reads only the tables its event has.
CREATE OR REPLACE FUNCTION "client_book_members_refresh_attributes"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  touched uuid[];
BEGIN
  -- Only customers who are in a client book (an import of values for a million customers touches few memberships).
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.customer_id) INTO touched FROM new_values n
    WHERE EXISTS (SELECT 1 FROM client_book_members x WHERE x.customer_id = n.customer_id);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.customer_id) INTO touched FROM old_values o
    WHERE EXISTS (SELECT 1 FROM client_book_members x WHERE x.customer_id = o.customer_id);
  ELSE
    SELECT array_agg(DISTINCT t.customer_id) INTO touched FROM (SELECT customer_id FROM new_values UNION ALL SELECT customer_id FROM old_values) t
    WHERE EXISTS (SELECT 1 FROM client_book_members x WHERE x.customer_id = t.customer_id);
  END IF;
  IF touched IS NOT NULL THEN
    UPDATE client_book_members m SET attribute_values = v.vals
    FROM (SELECT c, customer_attribute_values_json(c) AS vals FROM unnest(touched) c) v
    WHERE m.customer_id = v.c AND m.attribute_values IS DISTINCT FROM v.vals;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "customer_attribute_values_inserted" AFTER INSERT ON "customer_attribute_values"
  REFERENCING NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION "client_book_members_refresh_attributes"();
--> statement-breakpoint
CREATE TRIGGER "customer_attribute_values_updated" AFTER UPDATE ON "customer_attribute_values"
  REFERENCING OLD TABLE AS old_values NEW TABLE AS new_values FOR EACH STATEMENT EXECUTE FUNCTION "client_book_members_refresh_attributes"();
--> statement-breakpoint
CREATE TRIGGER "customer_attribute_values_deleted" AFTER DELETE ON "customer_attribute_values"
  REFERENCING OLD TABLE AS old_values FOR EACH STATEMENT EXECUTE FUNCTION "client_book_members_refresh_attributes"();
--> statement-breakpoint
-- Memberships that exist already.
UPDATE "client_book_members" m SET "attribute_values" = v.vals
FROM (SELECT customer_id, jsonb_object_agg(attribute_id::text, value) AS vals
      FROM (SELECT customer_id, attribute_id, coalesce(to_jsonb(value_text), to_jsonb(value_number), to_jsonb(value_date), to_jsonb(value_boolean)) AS value
            FROM customer_attribute_values) x
      WHERE value IS NOT NULL GROUP BY customer_id) v
WHERE m.customer_id = v.customer_id;
