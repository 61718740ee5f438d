DROP INDEX "parcels_courier_status_idx";--> statement-breakpoint
CREATE INDEX "parcels_courier_status_idx" ON "parcels" USING btree ("courier_id","status") WHERE "parcels"."courier_id" is not null;