ALTER TABLE "oidc_providers" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_challenges" ADD COLUMN "first_factor" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_providers" ADD CONSTRAINT "oidc_providers_a_way_in" CHECK ("oidc_providers"."enabled" or "oidc_providers"."password_sign_in");