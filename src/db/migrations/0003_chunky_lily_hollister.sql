CREATE TABLE "number_sequences" (
	"legal_entity_id" uuid NOT NULL,
	"code" text NOT NULL,
	"prefix" text NOT NULL,
	"padding" integer DEFAULT 6 NOT NULL,
	"next_value" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "number_sequences_legal_entity_id_code_pk" PRIMARY KEY("legal_entity_id","code")
);
--> statement-breakpoint
ALTER TABLE "number_sequences" ADD CONSTRAINT "number_sequences_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;