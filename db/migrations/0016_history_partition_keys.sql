-- The history tables' primary keys take their time column, which the partitioning that follows
-- (0017_partition_history) requires of every unique index; see docs/history-retention.md. The
-- import rows get the time they were written, to be partitioned by.
DROP INDEX "disclosures_carrier_seq_key";--> statement-breakpoint
DROP INDEX "idempotency_keys_created_idx";--> statement-breakpoint
DROP INDEX "reports_reference_key";--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_scope_key_pk";--> statement-breakpoint
ALTER TABLE "import_chunks" DROP CONSTRAINT "import_chunks_import_id_seq_pk";--> statement-breakpoint
ALTER TABLE "disclosures" DROP CONSTRAINT "disclosures_pkey";--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_pkey";--> statement-breakpoint
ALTER TABLE "parcel_events" DROP CONSTRAINT "parcel_events_pkey";--> statement-breakpoint
ALTER TABLE "reports" DROP CONSTRAINT "reports_pkey";--> statement-breakpoint
ALTER TABLE "import_chunks" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "import_errors" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Rows already there were written when their import was.
UPDATE "import_chunks" c SET "created_at" = i."created_at" FROM "imports" i WHERE i."id" = c."import_id";--> statement-breakpoint
UPDATE "import_errors" e SET "created_at" = i."created_at" FROM "imports" i WHERE i."id" = e."import_id";--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_id_created_at_pk" PRIMARY KEY("id","created_at");--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_scope_key_created_at_pk" PRIMARY KEY("scope","key","created_at");--> statement-breakpoint
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_import_id_seq_created_at_pk" PRIMARY KEY("import_id","seq","created_at");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_id_created_at_pk" PRIMARY KEY("id","created_at");--> statement-breakpoint
ALTER TABLE "parcel_events" ADD CONSTRAINT "parcel_events_id_recorded_at_pk" PRIMARY KEY("id","recorded_at");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_id_created_at_pk" PRIMARY KEY("id","created_at");--> statement-breakpoint
CREATE INDEX "disclosures_carrier_seq_idx" ON "disclosures" USING btree ("carrier_id","chain_seq");--> statement-breakpoint
CREATE INDEX "reports_reference_idx" ON "reports" USING btree ("reference");
