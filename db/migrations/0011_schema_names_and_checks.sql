-- The constraints that the hand-written SQL of 0007–0009 left to PostgreSQL's naming (*_fkey,
-- *_pkey) take the names drizzle-kit derives from db/schema.ts, so `drizzle-kit push` and
-- `generate` see the database as the schema declares it
-- (tests/integration/schema-matches-database.test.ts). The checks and the NOT NULL hash-chain
-- columns that this migration's snapshot adds exist already (0007–0009): the snapshot records
-- them, the database needs no change for them.
ALTER TABLE "imports" RENAME CONSTRAINT "imports_carrier_id_fkey" TO "imports_carrier_id_carriers_id_fk";--> statement-breakpoint
ALTER TABLE "imports" RENAME CONSTRAINT "imports_user_id_fkey" TO "imports_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "imports" RENAME CONSTRAINT "imports_api_key_id_fkey" TO "imports_api_key_id_api_keys_id_fk";--> statement-breakpoint
ALTER TABLE "import_chunks" RENAME CONSTRAINT "import_chunks_pkey" TO "import_chunks_import_id_seq_pk";--> statement-breakpoint
ALTER TABLE "import_chunks" RENAME CONSTRAINT "import_chunks_import_id_fkey" TO "import_chunks_import_id_imports_id_fk";--> statement-breakpoint
ALTER TABLE "import_errors" RENAME CONSTRAINT "import_errors_import_id_fkey" TO "import_errors_import_id_imports_id_fk";--> statement-breakpoint
ALTER TABLE "registrations" RENAME CONSTRAINT "registrations_import_id_fkey" TO "registrations_import_id_imports_id_fk";--> statement-breakpoint
ALTER TABLE "postal_rules" RENAME CONSTRAINT "postal_rules_carrier_id_fkey" TO "postal_rules_carrier_id_carriers_id_fk";--> statement-breakpoint
ALTER TABLE "postal_rules" RENAME CONSTRAINT "postal_rules_courier_id_fkey" TO "postal_rules_courier_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "audit_chain_heads" RENAME CONSTRAINT "audit_chain_heads_carrier_id_fkey" TO "audit_chain_heads_carrier_id_carriers_id_fk";--> statement-breakpoint
ALTER TABLE "disclosures" RENAME CONSTRAINT "disclosures_carrier_id_fkey" TO "disclosures_carrier_id_carriers_id_fk";--> statement-breakpoint
ALTER TABLE "reports" RENAME CONSTRAINT "reports_handled_by_fkey" TO "reports_handled_by_users_id_fk";
