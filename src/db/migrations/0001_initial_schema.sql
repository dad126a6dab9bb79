CREATE TABLE "instance_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"last_started_at" timestamp with time zone NOT NULL,
	"last_finished_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"activity_type_id" uuid NOT NULL,
	"associate_id" uuid,
	"store_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"notes" text,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_order" integer DEFAULT 100 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_note_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"body" text NOT NULL,
	"visibility" text NOT NULL,
	"edited_by" uuid NOT NULL,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"store_id" uuid,
	"visibility" text DEFAULT 'everyone' NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_notes_visibility" CHECK ("customer_notes"."visibility" in ('everyone', 'store', 'private'))
);
--> statement-breakpoint
CREATE TABLE "appointment_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"duration_minutes" integer NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_types_duration" CHECK ("appointment_types"."duration_minutes" between 5 and 480),
	CONSTRAINT "appointment_types_buffer" CHECK ("appointment_types"."buffer_minutes" between 0 and 240)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"public_id" text NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"appointment_type_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"customer_id" uuid,
	"status" text DEFAULT 'booked' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"customer_name" text NOT NULL,
	"customer_email" text NOT NULL,
	"customer_phone" text,
	"customer_message" text,
	"booked_via" text DEFAULT 'public' NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_publicId_unique" UNIQUE("public_id"),
	CONSTRAINT "appointments_status" CHECK ("appointments"."status" in ('booked', 'cancelled', 'completed', 'no-show')),
	CONSTRAINT "appointments_range" CHECK ("appointments"."starts_at" < "appointments"."ends_at" and "appointments"."ends_at" <= "appointments"."blocked_until")
);
--> statement-breakpoint
CREATE TABLE "associate_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	CONSTRAINT "associate_schedules_weekday" CHECK ("associate_schedules"."weekday" between 0 and 6),
	CONSTRAINT "associate_schedules_range" CHECK ("associate_schedules"."start_minute" >= 0 and "associate_schedules"."end_minute" <= 1440 and "associate_schedules"."start_minute" < "associate_schedules"."end_minute")
);
--> statement-breakpoint
CREATE TABLE "associate_time_off" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text,
	CONSTRAINT "associate_time_off_range" CHECK ("associate_time_off"."starts_at" < "associate_time_off"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "store_opening_hours" (
	"store_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"opens_minute" integer NOT NULL,
	"closes_minute" integer NOT NULL,
	CONSTRAINT "store_opening_hours_store_id_weekday_pk" PRIMARY KEY("store_id","weekday"),
	CONSTRAINT "store_opening_hours_weekday" CHECK ("store_opening_hours"."weekday" between 0 and 6),
	CONSTRAINT "store_opening_hours_range" CHECK ("store_opening_hours"."opens_minute" >= 0 and "store_opening_hours"."closes_minute" <= 1440 and "store_opening_hours"."opens_minute" < "store_opening_hours"."closes_minute")
);
--> statement-breakpoint
CREATE TABLE "attribution_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"store_id" uuid,
	"customer_id" uuid,
	"category" text NOT NULL,
	"share" numeric(5, 4) NOT NULL,
	"amount_minor" bigint NOT NULL,
	"rule" text NOT NULL,
	"explanation" text NOT NULL,
	"outreach_message_id" uuid,
	"sales_group_id" uuid,
	"attributed_at" timestamp with time zone NOT NULL,
	"period" date NOT NULL,
	"reversed_by" uuid,
	"reverses_entry_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribution_ledger_share" CHECK ("attribution_ledger"."share" > 0 and "attribution_ledger"."share" <= 1),
	CONSTRAINT "attribution_ledger_rule" CHECK ("attribution_ledger"."rule" in ('till', 'remote-order', 'outreach', 'sales-group'))
);
--> statement-breakpoint
CREATE TABLE "attribution_processed" (
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribution_processed_source_kind_source_id_pk" PRIMARY KEY("source_kind","source_id")
);
--> statement-breakpoint
CREATE TABLE "attribution_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"outreach_window_days" integer DEFAULT 14 NOT NULL,
	"last_run_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attribution_settings_window" CHECK ("attribution_settings"."outreach_window_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "commission_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"default_rate_bp" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commission_plans_rate" CHECK ("commission_plans"."default_rate_bp" between 0 and 10000),
	CONSTRAINT "commission_plans_range" CHECK ("commission_plans"."valid_to" is null or "commission_plans"."valid_to" >= "commission_plans"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "commission_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"store_id" uuid,
	"category" text,
	"rate_bp" integer NOT NULL,
	CONSTRAINT "commission_rates_plan_store_category" UNIQUE NULLS NOT DISTINCT("plan_id","store_id","category"),
	CONSTRAINT "commission_rates_rate" CHECK ("commission_rates"."rate_bp" between 0 and 10000),
	CONSTRAINT "commission_rates_specific" CHECK ("commission_rates"."store_id" is not null or "commission_rates"."category" is not null)
);
--> statement-breakpoint
CREATE TABLE "commission_sales_group_members" (
	"sales_group_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"share_bp" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "commission_sales_group_members_sales_group_id_associate_id_pk" PRIMARY KEY("sales_group_id","associate_id"),
	CONSTRAINT "commission_sales_group_members_share" CHECK ("commission_sales_group_members"."share_bp" > 0 and "commission_sales_group_members"."share_bp" <= 10000)
);
--> statement-breakpoint
CREATE TABLE "commission_sales_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"store_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"actor_associate_id" uuid,
	"actor_label" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"associate_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"store_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "product_stock" (
	"product_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"on_hand" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_stock_product_id_store_id_pk" PRIMARY KEY("product_id","store_id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"subcategory" text,
	"brand" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price_minor" bigint NOT NULL,
	"arrival_date" date,
	"active" boolean DEFAULT true NOT NULL,
	"image_url" text,
	"care_instructions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_book_members" (
	"client_book_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"is_primary" boolean DEFAULT true NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by" uuid,
	CONSTRAINT "client_book_members_client_book_id_customer_id_pk" PRIMARY KEY("client_book_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "client_book_saved_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"filter" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_books" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	"book_number" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attribute_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_attribute_values" (
	"customer_id" uuid NOT NULL,
	"attribute_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"value_text" text,
	"value_number" double precision,
	"value_date" date,
	"value_boolean" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_attribute_values_customer_id_attribute_id_pk" PRIMARY KEY("customer_id","attribute_id")
);
--> statement-breakpoint
CREATE TABLE "customer_attributes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"name" text NOT NULL,
	"data_type" text NOT NULL,
	"can_be_refined" boolean DEFAULT false NOT NULL,
	"display_order" integer DEFAULT 100 NOT NULL,
	"list_values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_attributes_type" CHECK ("customer_attributes"."data_type" in ('text', 'number', 'date', 'boolean', 'list'))
);
--> statement-breakpoint
CREATE TABLE "browsing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"event" text DEFAULT 'view' NOT NULL,
	"session_id" text,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_consents" (
	"customer_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_consents_customer_id_channel_pk" PRIMARY KEY("customer_id","channel")
);
--> statement-breakpoint
CREATE TABLE "customer_preferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"qualifier" text DEFAULT '' NOT NULL,
	"value" text NOT NULL,
	"source" text DEFAULT 'associate' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"status" text,
	"channel" text,
	"campaign" text,
	"store_id" uuid,
	"associate_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "loyalty_accounts" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"programme" text NOT NULL,
	"tier" text NOT NULL,
	"card_number" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loyalty_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"order_id" uuid
);
--> statement-breakpoint
CREATE TABLE "wishlist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"list" text DEFAULT 'wishlist' NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_address_books" (
	"customer_id" uuid NOT NULL,
	"address_book_id" uuid NOT NULL,
	CONSTRAINT "customer_address_books_customer_id_address_book_id_pk" PRIMARY KEY("customer_id","address_book_id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"external_id" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text,
	"phone" text,
	"birth_date" date,
	"anniversary_date" date,
	"language" text DEFAULT 'en' NOT NULL,
	"address_line" text,
	"city" text,
	"postal_code" text,
	"country" text,
	"preferred_channel" text,
	"home_store_id" uuid,
	"is_vip" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"erased_at" timestamp with time zone,
	"merged_into_id" uuid,
	"search_text" text GENERATED ALWAYS AS (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) STORED
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"legal_entity_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_legal_entity_id_signature_pk" PRIMARY KEY("legal_entity_id","signature")
);
--> statement-breakpoint
CREATE TABLE "webhook_secrets" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"secret_encrypted" text NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_measures" (
	"customer_id" uuid NOT NULL,
	"measure_key" text NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"value_number" double precision,
	"value_text" text,
	"drivers" jsonb,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_measures_customer_id_measure_key_pk" PRIMARY KEY("customer_id","measure_key")
);
--> statement-breakpoint
CREATE TABLE "insight_model_fits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"model" text NOT NULL,
	"params" jsonb NOT NULL,
	"log_likelihood" double precision NOT NULL,
	"customers" integer NOT NULL,
	"period" text NOT NULL,
	"calibration_end" text NOT NULL,
	"converged" boolean NOT NULL,
	"duration_ms" integer NOT NULL,
	"fitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"transaction_model" text DEFAULT 'bgnbd' NOT NULL,
	"period" text DEFAULT 'week' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source" text NOT NULL,
	"format" text DEFAULT 'number' NOT NULL,
	"sql_text" text,
	"provider_id" uuid,
	"external_field" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "measure_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_url" text NOT NULL,
	"client_id" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"secret_expires_at" timestamp with time zone,
	"scope" text,
	"base_url" text NOT NULL,
	"customer_key" text DEFAULT 'accountNumber' NOT NULL,
	"last_validated_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"net_minor" bigint NOT NULL,
	"associate_id" uuid,
	CONSTRAINT "order_lines_quantity" CHECK ("order_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" uuid,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"store_id" uuid,
	"associate_id" uuid,
	"ordered_at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"discount_minor" bigint DEFAULT 0 NOT NULL,
	"fulfilment" text DEFAULT 'carry-out' NOT NULL,
	CONSTRAINT "orders_channel" CHECK ("orders"."channel" in ('store', 'online', 'call-center', 'remote'))
);
--> statement-breakpoint
CREATE TABLE "return_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"return_id" uuid NOT NULL,
	"line_number" integer DEFAULT 1 NOT NULL,
	"order_line_id" uuid,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"reason" text NOT NULL,
	"refund_minor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"order_id" uuid,
	"customer_id" uuid,
	"store_id" uuid,
	"returned_at" timestamp with time zone NOT NULL,
	"refund_minor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "address_book_members" (
	"address_book_id" uuid NOT NULL,
	"associate_id" uuid NOT NULL,
	CONSTRAINT "address_book_members_address_book_id_associate_id_pk" PRIMARY KEY("address_book_id","associate_id")
);
--> statement-breakpoint
CREATE TABLE "address_books" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "associate_roles" (
	"associate_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "associate_roles_associate_id_role_id_pk" PRIMARY KEY("associate_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "associates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"personnel_number" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"job_title" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_entities_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"legal_entity_id" uuid NOT NULL,
	"code" text NOT NULL,
	"prefix" text NOT NULL,
	"padding" integer DEFAULT 6 NOT NULL,
	"next_value" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "number_sequences_legal_entity_id_code_pk" PRIMARY KEY("legal_entity_id","code")
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"permissions" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address_book_id" uuid NOT NULL,
	"time_zone" text NOT NULL,
	"address" text,
	"city" text,
	"phone" text,
	"email" text,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid,
	"associate_id" uuid,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"transactional" boolean DEFAULT false NOT NULL,
	"to_address" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"html" text,
	"attachments" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"suppressed_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"template_id" uuid,
	"cleared_at" timestamp with time zone,
	"batch_id" uuid,
	CONSTRAINT "outreach_messages_status" CHECK ("outreach_messages"."status" in ('queued', 'sending', 'sent', 'failed', 'suppressed')),
	CONSTRAINT "outreach_messages_channel" CHECK ("outreach_messages"."channel" in ('email', 'sms', 'whatsapp', 'mail'))
);
--> statement-breakpoint
CREATE TABLE "outreach_providers" (
	"legal_entity_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"base_url" text NOT NULL,
	"api_key_encrypted" text NOT NULL,
	"sender" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_providers_legal_entity_id_channel_pk" PRIMARY KEY("legal_entity_id","channel")
);
--> statement-breakpoint
CREATE TABLE "outreach_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outreach_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"associate_id" uuid,
	"store_id" uuid,
	"prompt_type" text NOT NULL,
	"occasion" text NOT NULL,
	"due_on" date NOT NULL,
	"title" text NOT NULL,
	"detail" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "outreach_tasks_status" CHECK ("outreach_tasks"."status" in ('open', 'done', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "outreach_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"whatsapp_template_name" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "category_complements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"from_category" text NOT NULL,
	"to_category" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "category_complements_distinct" CHECK ("category_complements"."from_category" <> "category_complements"."to_category")
);
--> statement-breakpoint
CREATE TABLE "product_association_rules" (
	"legal_entity_id" uuid NOT NULL,
	"antecedent_product_id" uuid NOT NULL,
	"consequent_product_id" uuid NOT NULL,
	"support" double precision NOT NULL,
	"confidence" double precision NOT NULL,
	"lift" double precision NOT NULL,
	"count" integer NOT NULL,
	"mined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "product_association_rules_legal_entity_id_antecedent_product_id_consequent_product_id_pk" PRIMARY KEY("legal_entity_id","antecedent_product_id","consequent_product_id")
);
--> statement-breakpoint
CREATE TABLE "product_popularity" (
	"legal_entity_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"category" text NOT NULL,
	"baskets" integer NOT NULL,
	"mined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "product_popularity_legal_entity_id_product_id_pk" PRIMARY KEY("legal_entity_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation_mining_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"triggered_by" uuid,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"baskets" integer,
	"products" integer,
	"rules" integer,
	"duration_ms" integer,
	"min_support_count" integer,
	"min_confidence" double precision,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "recommendation_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"min_support_count" integer DEFAULT 3 NOT NULL,
	"min_confidence" double precision DEFAULT 0.05 NOT NULL,
	"lookback_days" integer DEFAULT 730 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_settings_min_count" CHECK ("recommendation_settings"."min_support_count" >= 1),
	CONSTRAINT "recommendation_settings_confidence" CHECK ("recommendation_settings"."min_confidence" >= 0 and "recommendation_settings"."min_confidence" <= 1),
	CONSTRAINT "recommendation_settings_lookback" CHECK ("recommendation_settings"."lookback_days" >= 1)
);
--> statement-breakpoint
CREATE TABLE "clienteling_settings" (
	"legal_entity_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"client_book_attribute_group_id" uuid,
	"card_measure_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allow_multiple_books" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_activity_type_id_activity_types_id_fk" FOREIGN KEY ("activity_type_id") REFERENCES "public"."activity_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_types" ADD CONSTRAINT "activity_types_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_note_revisions" ADD CONSTRAINT "customer_note_revisions_note_id_customer_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."customer_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_note_revisions" ADD CONSTRAINT "customer_note_revisions_edited_by_associates_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_author_id_associates_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notes" ADD CONSTRAINT "customer_notes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_types" ADD CONSTRAINT "appointment_types_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_appointment_type_id_appointment_types_id_fk" FOREIGN KEY ("appointment_type_id") REFERENCES "public"."appointment_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_schedules" ADD CONSTRAINT "associate_schedules_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_schedules" ADD CONSTRAINT "associate_schedules_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_schedules" ADD CONSTRAINT "associate_schedules_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_time_off" ADD CONSTRAINT "associate_time_off_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_time_off" ADD CONSTRAINT "associate_time_off_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_opening_hours" ADD CONSTRAINT "store_opening_hours_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_opening_hours" ADD CONSTRAINT "store_opening_hours_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_ledger" ADD CONSTRAINT "attribution_ledger_reversed_by_return_lines_id_fk" FOREIGN KEY ("reversed_by") REFERENCES "public"."return_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_processed" ADD CONSTRAINT "attribution_processed_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribution_settings" ADD CONSTRAINT "attribution_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_plans" ADD CONSTRAINT "commission_plans_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rates" ADD CONSTRAINT "commission_rates_plan_id_commission_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."commission_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_rates" ADD CONSTRAINT "commission_rates_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_group_members" ADD CONSTRAINT "commission_sales_group_members_sales_group_id_commission_sales_groups_id_fk" FOREIGN KEY ("sales_group_id") REFERENCES "public"."commission_sales_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_group_members" ADD CONSTRAINT "commission_sales_group_members_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_groups" ADD CONSTRAINT "commission_sales_groups_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commission_sales_groups" ADD CONSTRAINT "commission_sales_groups_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_stock" ADD CONSTRAINT "product_stock_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_stock" ADD CONSTRAINT "product_stock_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_book_members" ADD CONSTRAINT "client_book_members_client_book_id_client_books_id_fk" FOREIGN KEY ("client_book_id") REFERENCES "public"."client_books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_book_members" ADD CONSTRAINT "client_book_members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_book_members" ADD CONSTRAINT "client_book_members_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_book_members" ADD CONSTRAINT "client_book_members_added_by_associates_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_book_saved_filters" ADD CONSTRAINT "client_book_saved_filters_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_book_saved_filters" ADD CONSTRAINT "client_book_saved_filters_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_books" ADD CONSTRAINT "client_books_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_books" ADD CONSTRAINT "client_books_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attribute_groups" ADD CONSTRAINT "attribute_groups_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attribute_values" ADD CONSTRAINT "customer_attribute_values_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attribute_values" ADD CONSTRAINT "customer_attribute_values_attribute_id_customer_attributes_id_fk" FOREIGN KEY ("attribute_id") REFERENCES "public"."customer_attributes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attribute_values" ADD CONSTRAINT "customer_attribute_values_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attributes" ADD CONSTRAINT "customer_attributes_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_attributes" ADD CONSTRAINT "customer_attributes_group_id_attribute_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."attribute_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "browsing_events" ADD CONSTRAINT "browsing_events_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "browsing_events" ADD CONSTRAINT "browsing_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "browsing_events" ADD CONSTRAINT "browsing_events_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_history" ADD CONSTRAINT "consent_history_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_preferences" ADD CONSTRAINT "customer_preferences_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_preferences" ADD CONSTRAINT "customer_preferences_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ADD CONSTRAINT "loyalty_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ADD CONSTRAINT "loyalty_accounts_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishlist_items" ADD CONSTRAINT "wishlist_items_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishlist_items" ADD CONSTRAINT "wishlist_items_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishlist_items" ADD CONSTRAINT "wishlist_items_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_address_books" ADD CONSTRAINT "customer_address_books_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_home_store_id_stores_id_fk" FOREIGN KEY ("home_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_secrets" ADD CONSTRAINT "webhook_secrets_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_measures" ADD CONSTRAINT "customer_measures_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_measures" ADD CONSTRAINT "customer_measures_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_model_fits" ADD CONSTRAINT "insight_model_fits_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_settings" ADD CONSTRAINT "insight_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_definitions" ADD CONSTRAINT "measure_definitions_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_providers" ADD CONSTRAINT "measure_providers_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns" ADD CONSTRAINT "returns_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_book_members" ADD CONSTRAINT "address_book_members_address_book_id_address_books_id_fk" FOREIGN KEY ("address_book_id") REFERENCES "public"."address_books"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_book_members" ADD CONSTRAINT "address_book_members_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "address_books" ADD CONSTRAINT "address_books_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_roles" ADD CONSTRAINT "associate_roles_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associate_roles" ADD CONSTRAINT "associate_roles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "associates" ADD CONSTRAINT "associates_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_sequences" ADD CONSTRAINT "number_sequences_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_address_book_id_address_books_id_fk" FOREIGN KEY ("address_book_id") REFERENCES "public"."address_books"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD CONSTRAINT "outreach_messages_template_id_outreach_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."outreach_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_providers" ADD CONSTRAINT "outreach_providers_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_settings" ADD CONSTRAINT "outreach_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_tasks" ADD CONSTRAINT "outreach_tasks_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_tasks" ADD CONSTRAINT "outreach_tasks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_tasks" ADD CONSTRAINT "outreach_tasks_associate_id_associates_id_fk" FOREIGN KEY ("associate_id") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_tasks" ADD CONSTRAINT "outreach_tasks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_tasks" ADD CONSTRAINT "outreach_tasks_message_id_outreach_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."outreach_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_templates" ADD CONSTRAINT "outreach_templates_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_complements" ADD CONSTRAINT "category_complements_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_association_rules" ADD CONSTRAINT "product_association_rules_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_association_rules" ADD CONSTRAINT "product_association_rules_antecedent_product_id_products_id_fk" FOREIGN KEY ("antecedent_product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_association_rules" ADD CONSTRAINT "product_association_rules_consequent_product_id_products_id_fk" FOREIGN KEY ("consequent_product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_popularity" ADD CONSTRAINT "product_popularity_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_popularity" ADD CONSTRAINT "product_popularity_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_mining_runs" ADD CONSTRAINT "recommendation_mining_runs_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_mining_runs" ADD CONSTRAINT "recommendation_mining_runs_triggered_by_associates_id_fk" FOREIGN KEY ("triggered_by") REFERENCES "public"."associates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_settings" ADD CONSTRAINT "recommendation_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clienteling_settings" ADD CONSTRAINT "clienteling_settings_legal_entity_id_legal_entities_id_fk" FOREIGN KEY ("legal_entity_id") REFERENCES "public"."legal_entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_customer_time" ON "activities" USING btree ("customer_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "activity_types_le_name" ON "activity_types" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE INDEX "customer_note_revisions_note" ON "customer_note_revisions" USING btree ("note_id","edited_at");--> statement-breakpoint
CREATE INDEX "customer_notes_customer_time" ON "customer_notes" USING btree ("customer_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_types_store_name" ON "appointment_types" USING btree ("store_id","name");--> statement-breakpoint
CREATE INDEX "appointments_le_store_start" ON "appointments" USING btree ("legal_entity_id","store_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_associate_start" ON "appointments" USING btree ("associate_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_customer" ON "appointments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "associate_schedules_store" ON "associate_schedules" USING btree ("store_id","weekday");--> statement-breakpoint
CREATE INDEX "associate_schedules_associate" ON "associate_schedules" USING btree ("associate_id");--> statement-breakpoint
CREATE INDEX "associate_time_off_associate" ON "associate_time_off" USING btree ("associate_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "attribution_ledger_line_associate_rule" ON "attribution_ledger" USING btree ("order_line_id","associate_id","rule") WHERE "attribution_ledger"."reversed_by" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "attribution_ledger_return_entry" ON "attribution_ledger" USING btree ("reversed_by","reverses_entry_id") WHERE "attribution_ledger"."reversed_by" is not null;--> statement-breakpoint
CREATE INDEX "attribution_ledger_associate_period" ON "attribution_ledger" USING btree ("legal_entity_id","associate_id","period");--> statement-breakpoint
CREATE INDEX "attribution_ledger_store_at" ON "attribution_ledger" USING btree ("legal_entity_id","store_id","attributed_at");--> statement-breakpoint
CREATE INDEX "attribution_processed_le" ON "attribution_processed" USING btree ("legal_entity_id");--> statement-breakpoint
CREATE INDEX "commission_plans_le_from" ON "commission_plans" USING btree ("legal_entity_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_sales_group_members_associate" ON "commission_sales_group_members" USING btree ("associate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "commission_sales_groups_le_name" ON "commission_sales_groups" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE INDEX "audit_le_at" ON "audit_log" USING btree ("legal_entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_entity" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "stock_store" ON "product_stock" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_le_sku" ON "products" USING btree ("legal_entity_id","sku");--> statement-breakpoint
CREATE INDEX "products_le_category" ON "products" USING btree ("legal_entity_id","category");--> statement-breakpoint
CREATE INDEX "products_le_arrival" ON "products" USING btree ("legal_entity_id","arrival_date");--> statement-breakpoint
CREATE UNIQUE INDEX "cbm_le_customer_primary" ON "client_book_members" USING btree ("legal_entity_id","customer_id") WHERE "client_book_members"."is_primary";--> statement-breakpoint
CREATE INDEX "cbm_customer" ON "client_book_members" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "cbm_book_added" ON "client_book_members" USING btree ("client_book_id","added_at" DESC NULLS LAST,"customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cbsf_associate_name" ON "client_book_saved_filters" USING btree ("associate_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "client_books_le_associate" ON "client_books" USING btree ("legal_entity_id","associate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "client_books_le_number" ON "client_books" USING btree ("legal_entity_id","book_number");--> statement-breakpoint
CREATE UNIQUE INDEX "attribute_groups_le_name" ON "attribute_groups" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE INDEX "cav_attr_text" ON "customer_attribute_values" USING btree ("attribute_id","value_text","customer_id");--> statement-breakpoint
CREATE INDEX "cav_attr_number" ON "customer_attribute_values" USING btree ("attribute_id","value_number","customer_id");--> statement-breakpoint
CREATE INDEX "cav_attr_date" ON "customer_attribute_values" USING btree ("attribute_id","value_date","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_attributes_le_name" ON "customer_attributes" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE INDEX "customer_attributes_group" ON "customer_attributes" USING btree ("group_id","display_order");--> statement-breakpoint
CREATE UNIQUE INDEX "browsing_le_external" ON "browsing_events" USING btree ("legal_entity_id","external_id");--> statement-breakpoint
CREATE INDEX "browsing_customer_at" ON "browsing_events" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "consent_history_customer" ON "consent_history" USING btree ("customer_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "prefs_customer_kind_value" ON "customer_preferences" USING btree ("customer_id","kind","qualifier","value");--> statement-breakpoint
CREATE UNIQUE INDEX "interactions_le_external" ON "interactions" USING btree ("legal_entity_id","external_id");--> statement-breakpoint
CREATE INDEX "interactions_customer_at" ON "interactions" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_le_card" ON "loyalty_accounts" USING btree ("legal_entity_id","card_number");--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_ledger_le_external" ON "loyalty_ledger" USING btree ("legal_entity_id","external_id");--> statement-breakpoint
CREATE INDEX "loyalty_ledger_customer" ON "loyalty_ledger" USING btree ("customer_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wishlist_customer_product_list" ON "wishlist_items" USING btree ("customer_id","product_id","list");--> statement-breakpoint
CREATE INDEX "cab_address_book" ON "customer_address_books" USING btree ("address_book_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_le_account" ON "customers" USING btree ("legal_entity_id","account_number");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_le_external" ON "customers" USING btree ("legal_entity_id","external_id");--> statement-breakpoint
CREATE INDEX "customers_search_trgm" ON "customers" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_le_name" ON "customers" USING btree ("legal_entity_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_at" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "customer_measures_le_key" ON "customer_measures" USING btree ("legal_entity_id","measure_key");--> statement-breakpoint
CREATE UNIQUE INDEX "insight_model_fits_le_model" ON "insight_model_fits" USING btree ("legal_entity_id","model");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_definitions_le_key" ON "measure_definitions" USING btree ("legal_entity_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "measure_providers_le_name" ON "measure_providers" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_order_line" ON "order_lines" USING btree ("order_id","line_number");--> statement-breakpoint
CREATE INDEX "order_lines_product" ON "order_lines" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_le_external" ON "orders" USING btree ("legal_entity_id","external_id");--> statement-breakpoint
CREATE INDEX "orders_customer_at" ON "orders" USING btree ("customer_id","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_le_at" ON "orders" USING btree ("legal_entity_id","ordered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "return_lines_return_line" ON "return_lines" USING btree ("return_id","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_le_external" ON "returns" USING btree ("legal_entity_id","external_id");--> statement-breakpoint
CREATE INDEX "returns_customer_at" ON "returns" USING btree ("customer_id","returned_at");--> statement-breakpoint
CREATE INDEX "abm_associate" ON "address_book_members" USING btree ("associate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "address_books_le_name" ON "address_books" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "associates_le_personnel" ON "associates" USING btree ("legal_entity_id","personnel_number");--> statement-breakpoint
CREATE UNIQUE INDEX "associates_le_user" ON "associates" USING btree ("legal_entity_id","user_id");--> statement-breakpoint
CREATE INDEX "associates_user" ON "associates" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_le_name" ON "roles" USING btree ("legal_entity_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "stores_le_code" ON "stores" USING btree ("legal_entity_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_messages_le_idem" ON "outreach_messages" USING btree ("legal_entity_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "outreach_messages_due" ON "outreach_messages" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outreach_messages_customer" ON "outreach_messages" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "outreach_messages_associate_sent" ON "outreach_messages" USING btree ("associate_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_tasks_occasion" ON "outreach_tasks" USING btree ("legal_entity_id","customer_id","prompt_type","occasion");--> statement-breakpoint
CREATE INDEX "outreach_tasks_inbox" ON "outreach_tasks" USING btree ("legal_entity_id","associate_id","status","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "outreach_templates_le_name" ON "outreach_templates" USING btree ("legal_entity_id","name","channel","language");--> statement-breakpoint
CREATE INDEX "outreach_templates_le_purpose" ON "outreach_templates" USING btree ("legal_entity_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "category_complements_le_from_to" ON "category_complements" USING btree ("legal_entity_id","from_category","to_category");--> statement-breakpoint
CREATE INDEX "product_rules_le_antecedent_lift" ON "product_association_rules" USING btree ("legal_entity_id","antecedent_product_id","lift");--> statement-breakpoint
CREATE INDEX "product_popularity_le_category_rank" ON "product_popularity" USING btree ("legal_entity_id","category","baskets","product_id");--> statement-breakpoint
CREATE INDEX "recommendation_mining_runs_le_started" ON "recommendation_mining_runs" USING btree ("legal_entity_id","started_at");