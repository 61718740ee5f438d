-- The console's people and rules: couriers created with a temporary password,
-- per-carrier retention, and postal-code rules that assign new parcels to couriers.
--
-- A courier created by an admin logs in with a temporary password and must choose their own
-- before anything else (lib/auth/first-password.ts); the flag is copied into the session.
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Days after delivery before a carrier's parcels lose their personal data. Null: the server's
-- PII_RETENTION_DAYS. The app allows 1 to PII_RETENTION_DAYS (lib/carrier-settings); the check
-- here is only the outer bound.
ALTER TABLE "carriers" ADD COLUMN "retention_days" integer;--> statement-breakpoint
ALTER TABLE "carriers" ADD CONSTRAINT "carriers_retention_days_range" CHECK ("retention_days" IS NULL OR "retention_days" BETWEEN 1 AND 3650);--> statement-breakpoint
-- Postal-code prefix → courier, per carrier; the longest matching prefix wins for a new parcel.
CREATE TABLE "postal_rules" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "carrier_id" uuid NOT NULL REFERENCES "carriers"("id"),
  "prefix" text NOT NULL,
  "courier_id" uuid NOT NULL REFERENCES "users"("id"),
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "postal_rules_prefix_digits" CHECK ("prefix" ~ '^[0-9]{1,5}$')
);--> statement-breakpoint
CREATE UNIQUE INDEX "postal_rules_carrier_prefix_key" ON "postal_rules" USING btree ("carrier_id","prefix");
