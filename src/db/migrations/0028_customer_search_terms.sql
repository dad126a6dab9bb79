CREATE TABLE "customer_name_terms" (
	"legal_entity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "customer_name_terms_legal_entity_id_kind_term_pk" PRIMARY KEY("legal_entity_id","kind","term"),
	CONSTRAINT "customer_name_terms_kind" CHECK ("customer_name_terms"."kind" in ('first', 'last'))
);
--> statement-breakpoint
ALTER TABLE "customer_name_terms" ADD CONSTRAINT "customer_name_terms_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_name_terms_trgm" ON "customer_name_terms" USING gin ("term" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "customers_search_last_first" ON "customers" USING btree ("legal_entity_id",(lower("last_name") collate "C"),(lower("first_name") collate "C"),"id") WHERE "customers"."erased_at" is null and "customers"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "customers_search_first_last" ON "customers" USING btree ("legal_entity_id",(lower("first_name") collate "C"),(lower("last_name") collate "C"),"id") WHERE "customers"."erased_at" is null and "customers"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "customers_search_email" ON "customers" USING btree ("legal_entity_id",(lower("email") collate "C")) WHERE "customers"."erased_at" is null and "customers"."merged_into_id" is null;--> statement-breakpoint
CREATE INDEX "customers_search_phone" ON "customers" USING btree ("legal_entity_id",("phone" collate "C")) WHERE "customers"."erased_at" is null and "customers"."merged_into_id" is null;--> statement-breakpoint
-- The names of today's live customers.
INSERT INTO "customer_name_terms" ("legal_entity_id", "kind", "term")
SELECT DISTINCT "legal_entity_id", 'last', lower("last_name") FROM "customers" WHERE "erased_at" IS NULL AND "merged_into_id" IS NULL
UNION SELECT DISTINCT "legal_entity_id", 'first', lower("first_name") FROM "customers" WHERE "erased_at" IS NULL AND "merged_into_id" IS NULL;--> statement-breakpoint
-- customer_name_terms follows customers once per statement (an import's batch is one statement): a name comes with the
-- first live customer who has it; it goes when no live customer has it any more (renamed, erased, merged, deleted).
-- Adding never waits on another transaction (ON CONFLICT DO NOTHING), so concurrent writes of a common name do not queue.
CREATE OR REPLACE FUNCTION "customer_name_terms_add"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_name_terms (legal_entity_id, kind, term)
  SELECT legal_entity_id, 'last', lower(last_name) FROM new_rows WHERE erased_at IS NULL AND merged_into_id IS NULL
  UNION SELECT legal_entity_id, 'first', lower(first_name) FROM new_rows WHERE erased_at IS NULL AND merged_into_id IS NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- A name goes when the statement took it from its last live customer (only names some row of the statement had are looked at).
CREATE OR REPLACE FUNCTION "customer_name_terms_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_name_terms (legal_entity_id, kind, term)
  SELECT n.legal_entity_id, k.kind, k.term FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES ('last', lower(n.last_name), lower(o.last_name)), ('first', lower(n.first_name), lower(o.first_name))) AS k(kind, term, was)
  WHERE n.erased_at IS NULL AND n.merged_into_id IS NULL
    AND (o.erased_at IS NOT NULL OR o.merged_into_id IS NOT NULL OR k.was IS DISTINCT FROM k.term OR o.legal_entity_id IS DISTINCT FROM n.legal_entity_id)
  ON CONFLICT DO NOTHING;
  WITH gone AS (
    SELECT DISTINCT o.legal_entity_id, k.kind, k.was AS term FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES ('last', lower(n.last_name), lower(o.last_name)), ('first', lower(n.first_name), lower(o.first_name))) AS k(kind, term, was)
    WHERE o.erased_at IS NULL AND o.merged_into_id IS NULL
      AND (n.erased_at IS NOT NULL OR n.merged_into_id IS NOT NULL OR k.was IS DISTINCT FROM k.term OR o.legal_entity_id IS DISTINCT FROM n.legal_entity_id))
  DELETE FROM customer_name_terms v USING gone g
  WHERE v.legal_entity_id = g.legal_entity_id AND v.kind = g.kind AND v.term = g.term
    AND NOT CASE g.kind
      WHEN 'last' THEN EXISTS (SELECT 1 FROM customers c WHERE c.legal_entity_id = g.legal_entity_id AND (lower(c.last_name) COLLATE "C") = g.term
        AND c.erased_at IS NULL AND c.merged_into_id IS NULL)
      ELSE EXISTS (SELECT 1 FROM customers c WHERE c.legal_entity_id = g.legal_entity_id AND (lower(c.first_name) COLLATE "C") = g.term
        AND c.erased_at IS NULL AND c.merged_into_id IS NULL) END;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "customer_name_terms_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    SELECT DISTINCT o.legal_entity_id, k.kind, k.term FROM old_rows o
      CROSS JOIN LATERAL (VALUES ('last', lower(o.last_name)), ('first', lower(o.first_name))) AS k(kind, term)
    WHERE o.erased_at IS NULL AND o.merged_into_id IS NULL)
  DELETE FROM customer_name_terms v USING gone g
  WHERE v.legal_entity_id = g.legal_entity_id AND v.kind = g.kind AND v.term = g.term
    AND NOT CASE g.kind
      WHEN 'last' THEN EXISTS (SELECT 1 FROM customers c WHERE c.legal_entity_id = g.legal_entity_id AND (lower(c.last_name) COLLATE "C") = g.term
        AND c.erased_at IS NULL AND c.merged_into_id IS NULL)
      ELSE EXISTS (SELECT 1 FROM customers c WHERE c.legal_entity_id = g.legal_entity_id AND (lower(c.first_name) COLLATE "C") = g.term
        AND c.erased_at IS NULL AND c.merged_into_id IS NULL) END;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "customers_name_terms_insert" AFTER INSERT ON "customers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_name_terms_add"();--> statement-breakpoint
CREATE TRIGGER "customers_name_terms_update" AFTER UPDATE ON "customers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_name_terms_update"();--> statement-breakpoint
CREATE TRIGGER "customers_name_terms_delete" AFTER DELETE ON "customers" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "customer_name_terms_delete"();
