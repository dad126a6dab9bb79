-- A refund is in the currency of the order it returns (else the legal entity's); earlier returns take theirs from the
-- same place, then the column becomes required.
ALTER TABLE "returns" ADD COLUMN "currency" text;
--> statement-breakpoint
UPDATE "returns" r SET "currency" = coalesce((SELECT o."currency" FROM "orders" o WHERE o."id" = r."order_id"),
  (SELECT le."currency" FROM "legal_entities" le WHERE le."id" = r."legal_entity_id"));
--> statement-breakpoint
ALTER TABLE "returns" ALTER COLUMN "currency" SET NOT NULL;
