ALTER TABLE "client_book_members" ADD COLUMN "sort_last_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "client_book_members" ADD COLUMN "sort_first_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Memberships that exist already (before the index, so the update does not maintain it row by row).
UPDATE "client_book_members" m SET "sort_last_name" = lower(c.last_name), "sort_first_name" = lower(c.first_name)
FROM "customers" c WHERE c.id = m.customer_id;--> statement-breakpoint
CREATE INDEX "cbm_book_name" ON "client_book_members" USING btree ("client_book_id","sort_last_name","sort_first_name","customer_id");--> statement-breakpoint
-- A membership starts with (and follows a merge's move of) its customer's attribute values and name.
CREATE OR REPLACE FUNCTION "client_book_members_fill_attributes"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.attribute_values := customer_attribute_values_json(NEW.customer_id);
  SELECT lower(c.last_name), lower(c.first_name) INTO NEW.sort_last_name, NEW.sort_first_name FROM customers c WHERE c.id = NEW.customer_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
-- A renamed (or erased, hence anonymised) customer keeps their place in name order in every book.
CREATE OR REPLACE FUNCTION "client_book_members_follow_name"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE client_book_members SET sort_last_name = lower(NEW.last_name), sort_first_name = lower(NEW.first_name)
  WHERE customer_id = NEW.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "customers_name_to_client_books" AFTER UPDATE OF "first_name", "last_name" ON "customers"
  FOR EACH ROW WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name OR OLD.last_name IS DISTINCT FROM NEW.last_name)
  EXECUTE FUNCTION "client_book_members_follow_name"();
