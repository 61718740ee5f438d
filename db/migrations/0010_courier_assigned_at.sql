-- When the parcel's current courier was assigned: a courier reads only the messages written
-- since (lib/messages/thread.ts), so a new courier never reads the previous one's thread with
-- the recipient. A trigger keeps it, so every writer of courier_id (assignment by email or by
-- selection, self-claim, postal-code rules, a script) moves it alike. NULL with a courier: the
-- courier came with the registration (postal-code rules), so the parcel's created_at stands in,
-- and a registration (COPY of thousands of rows) pays for no trigger.
ALTER TABLE "parcels" ADD COLUMN "courier_assigned_at" timestamp with time zone;--> statement-breakpoint
-- clock_timestamp(), not now(): the row is locked by then, so a message written after the
-- reassignment commits is stamped later than it, and one written before it earlier
-- (appendMessage stamps messages the same way, under a share lock of the same row).
CREATE FUNCTION "parcels_courier_assigned_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.courier_assigned_at := clock_timestamp();
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "parcels_courier_assigned_at" BEFORE UPDATE OF "courier_id" ON "parcels"
  FOR EACH ROW WHEN (OLD.courier_id IS DISTINCT FROM NEW.courier_id)
  EXECUTE FUNCTION "parcels_courier_assigned_at"();--> statement-breakpoint
-- Threads already there: where another courier wrote, the parcel changed hands after that
-- courier's last message, at a time nobody recorded. The latest it can have been stands in (the
-- current courier's first message after it, else now), so what the recipient wrote in between,
-- perhaps to the previous courier, stays with the recipient. Where no other courier wrote, the
-- current one may have the whole thread: NULL, the parcel's created_at.
UPDATE "parcels" SET "courier_assigned_at" = coalesce(
  (SELECT min("m"."created_at") FROM "messages" "m"
    WHERE "m"."parcel_id" = "parcels"."id" AND "m"."sender_user_id" = "parcels"."courier_id"
      AND "m"."created_at" > "prior"."last_at"),
  now())
FROM (
  SELECT "m"."parcel_id", max("m"."created_at") AS "last_at"
  FROM "messages" "m" JOIN "parcels" "p" ON "p"."id" = "m"."parcel_id"
  WHERE "m"."sender_role" = 'courier' AND "m"."sender_user_id" IS DISTINCT FROM "p"."courier_id"
  GROUP BY "m"."parcel_id"
) AS "prior"
WHERE "parcels"."id" = "prior"."parcel_id" AND "parcels"."courier_id" IS NOT NULL;
