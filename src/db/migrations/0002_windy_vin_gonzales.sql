CREATE TABLE "customer_address_books" (
	"customer_id" uuid NOT NULL,
	"address_book_id" uuid NOT NULL,
	CONSTRAINT "customer_address_books_customer_id_address_book_id_pk" PRIMARY KEY("customer_id","address_book_id")
);
--> statement-breakpoint
ALTER TABLE "customer_address_books" ADD CONSTRAINT "customer_address_books_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cab_address_book" ON "customer_address_books" USING btree ("address_book_id");