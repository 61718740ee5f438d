-- The console's parcel list pages by (created_at, id), newest first, within one carrier: keyset
-- pagination, never OFFSET. This index replaces parcels_carrier_created_idx (same leading
-- columns), so a registration writes no more index entries than before for it.
DROP INDEX IF EXISTS "parcels_carrier_created_idx";--> statement-breakpoint
CREATE INDEX "parcels_carrier_created_id_idx" ON "parcels" USING btree ("carrier_id","created_at","id");--> statement-breakpoint
-- Filter by status: without it a rare status (returned) would scan the whole carrier's list.
CREATE INDEX "parcels_carrier_status_created_idx" ON "parcels" USING btree ("carrier_id","status","created_at","id");--> statement-breakpoint
-- Filter by courier: assigned parcels only, as parcels_courier_status_idx.
CREATE INDEX "parcels_courier_created_idx" ON "parcels" USING btree ("courier_id","created_at","id") WHERE "courier_id" IS NOT NULL;--> statement-breakpoint
-- Search by the shipper's reference, only parcels that have one.
CREATE INDEX "parcels_carrier_reference_idx" ON "parcels" USING btree ("carrier_id","reference") WHERE "reference" IS NOT NULL;
--> statement-breakpoint
-- CSV imports (lib/imports/). The raw file is kept only for the job, encrypted like parcels'
-- personal data, in chunks, and deleted when the import ends. Counts and errors are what
-- GET /api/v1/imports/{id} answers; `imported` is written in the same transaction as the
-- parcels, so it is never more or less than what was committed.
CREATE TABLE "imports" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "carrier_id" uuid NOT NULL REFERENCES "carriers"("id"),
  "user_id" uuid REFERENCES "users"("id"),
  "api_key_id" uuid REFERENCES "api_keys"("id"),
  "mode" text NOT NULL CHECK ("mode" IN ('all', 'valid')),
  "encoding" text NOT NULL CHECK ("encoding" IN ('utf-8', 'cp949')),
  "status" text DEFAULT 'running' NOT NULL CHECK ("status" IN ('running', 'done', 'failed')),
  "total" integer DEFAULT 0 NOT NULL,
  "processed" integer DEFAULT 0 NOT NULL,
  "imported" integer DEFAULT 0 NOT NULL,
  "attempts" integer DEFAULT 0 NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "finished_at" timestamp with time zone
);--> statement-breakpoint
CREATE INDEX "imports_carrier_created_idx" ON "imports" USING btree ("carrier_id","created_at");--> statement-breakpoint
CREATE TABLE "import_chunks" (
  "import_id" uuid NOT NULL REFERENCES "imports"("id") ON DELETE CASCADE,
  "seq" integer NOT NULL,
  "pii_key_id" text NOT NULL,
  "ciphertext" bytea NOT NULL,
  PRIMARY KEY ("import_id", "seq")
);--> statement-breakpoint
CREATE TABLE "import_errors" (
  "import_id" uuid NOT NULL REFERENCES "imports"("id") ON DELETE CASCADE,
  "row" integer NOT NULL,
  "field" text NOT NULL,
  "message" text NOT NULL
);--> statement-breakpoint
CREATE INDEX "import_errors_import_row_idx" ON "import_errors" USING btree ("import_id","row");--> statement-breakpoint
-- Which registrations an import made, so its parcels can be printed as one PDF.
ALTER TABLE "registrations" ADD COLUMN "import_id" uuid REFERENCES "imports"("id");
