DROP INDEX "cbm_book_added";--> statement-breakpoint
-- The same order with the attribute values carried in the index, so a filtered page of a book is an index-only walk.
-- Not in the drizzle schema (it has no INCLUDE): see client-book/schema.ts.
CREATE INDEX "cbm_book_added" ON "client_book_members" USING btree ("client_book_id","added_at" DESC NULLS LAST,"customer_id") INCLUDE ("attribute_values");
