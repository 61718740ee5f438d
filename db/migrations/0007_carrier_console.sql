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
