ALTER TABLE "consent_history" ADD COLUMN "note" text;
