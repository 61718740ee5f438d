CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carrier_id" uuid NOT NULL,
	"api_key_id" uuid,
	"user_id" uuid,
	"parcel_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_id_carrier_key" UNIQUE("id","carrier_id")
);
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registrations_carrier_created_idx" ON "registrations" USING btree ("carrier_id","created_at");--> statement-breakpoint
-- Existing parcels: one registration per carrier, actor and time of their `registered` events (a
-- batch shared all three), or from the parcel itself where it has no such event. Those events
-- then leave parcel_events: the timeline reads the registration from the parcel from now on.
ALTER TABLE "parcels" ADD COLUMN "registration_id" uuid;--> statement-breakpoint
INSERT INTO "registrations" ("carrier_id", "api_key_id", "user_id", "parcel_count", "created_at")
SELECT "carrier_id", "api_key_id", "user_id", count(*), "at" FROM (
  SELECT DISTINCT ON (p."id") p."id" AS "parcel_id", p."carrier_id", e."actor_api_key_id" AS "api_key_id",
         e."actor_user_id" AS "user_id", coalesce(e."occurred_at", p."created_at") AS "at"
  FROM "parcels" p LEFT JOIN "parcel_events" e ON e."parcel_id" = p."id" AND e."status" = 'registered'
  ORDER BY p."id", e."occurred_at", e."id"
) AS "first" GROUP BY "carrier_id", "api_key_id", "user_id", "at";--> statement-breakpoint
UPDATE "parcels" SET "registration_id" = r."id"
FROM (
  SELECT DISTINCT ON (p."id") p."id" AS "parcel_id", p."carrier_id", e."actor_api_key_id" AS "api_key_id",
         e."actor_user_id" AS "user_id", coalesce(e."occurred_at", p."created_at") AS "at"
  FROM "parcels" p LEFT JOIN "parcel_events" e ON e."parcel_id" = p."id" AND e."status" = 'registered'
  ORDER BY p."id", e."occurred_at", e."id"
) AS "first"
JOIN "registrations" r ON r."carrier_id" = "first"."carrier_id" AND r."created_at" = "first"."at"
  AND r."api_key_id" IS NOT DISTINCT FROM "first"."api_key_id" AND r."user_id" IS NOT DISTINCT FROM "first"."user_id"
WHERE "parcels"."id" = "first"."parcel_id";--> statement-breakpoint
DELETE FROM "parcel_events" WHERE "status" = 'registered';--> statement-breakpoint
ALTER TABLE "parcels" ALTER COLUMN "registration_id" SET NOT NULL;--> statement-breakpoint
-- One foreign key checks that a parcel's carrier exists and is its registration's; the
-- direct one to carriers is implied by it (registrations.carrier_id references carriers).
ALTER TABLE "parcels" ADD CONSTRAINT "parcels_registration_carrier_fk" FOREIGN KEY ("registration_id","carrier_id") REFERENCES "public"."registrations"("id","carrier_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parcels" DROP CONSTRAINT "parcels_carrier_id_carriers_id_fk";