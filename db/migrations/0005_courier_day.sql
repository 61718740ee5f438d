CREATE TYPE "public"."proof_requirement" AS ENUM('none', 'photo', 'pin', 'both');--> statement-breakpoint
ALTER TABLE "carriers" ADD COLUMN "proof_default" "proof_requirement" DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "carriers" ADD COLUMN "self_claim" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Null: the carrier's default applies. A parcel's own requirement overrides it.
ALTER TABLE "parcels" ADD COLUMN "proof_required" "proof_requirement";--> statement-breakpoint
-- The delivery PIN, encrypted like the rest of the personal data (the owning recipient reads it).
ALTER TABLE "parcels" ADD COLUMN "pin_key_id" text;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "pin_ciphertext" bytea;--> statement-breakpoint
ALTER TABLE "parcels" ADD COLUMN "pin_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- False for an event whose device time is older than the parcel's latest: kept in the
-- timeline, but it did not move the status (an offline queue uploads late).
ALTER TABLE "parcel_events" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "parcel_events" ADD COLUMN "applied" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE TABLE "parcel_proofs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"parcel_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key_id" text NOT NULL,
	"ciphertext" bytea NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parcel_proofs_kind_check" CHECK ("parcel_proofs"."kind" in ('photo'))
);--> statement-breakpoint
ALTER TABLE "parcel_proofs" ADD CONSTRAINT "parcel_proofs_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."parcels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcel_proofs" ADD CONSTRAINT "parcel_proofs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parcel_proofs_parcel_idx" ON "parcel_proofs" USING btree ("parcel_id");
