ALTER TABLE "parcels" DROP CONSTRAINT "parcels_registration_carrier_fk";--> statement-breakpoint
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_id_carrier_key";--> statement-breakpoint
ALTER TABLE "parcels" ALTER COLUMN "code" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "parcels" ALTER COLUMN "recipient_phone_hash" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
-- A parcel belongs to a registration of its own carrier. The foreign key that said so checked
-- each row on its own, a fifth of PostgreSQL's work on a 10,000-parcel batch; this trigger
-- checks an INSERT or COPY once, over the distinct pairs of all its rows. What else a foreign
-- key guards is refused below: moving a parcel, and deleting or re-pointing a registration.
CREATE FUNCTION "parcels_check_registration"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM (SELECT DISTINCT "registration_id", "carrier_id" FROM "new_parcels") AS n
    WHERE NOT EXISTS (
      SELECT 1 FROM "registrations" r WHERE r."id" = n."registration_id" AND r."carrier_id" = n."carrier_id"
    )
  ) THEN
    RAISE EXCEPTION 'a parcel must belong to a registration of its own carrier' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "parcels_registration_check" AFTER INSERT ON "parcels"
  REFERENCING NEW TABLE AS "new_parcels" FOR EACH STATEMENT EXECUTE FUNCTION "parcels_check_registration"();--> statement-breakpoint
CREATE FUNCTION "refuse_registration_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on %: registrations and the parcels filed under them never change', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER "parcels_registration_fixed" BEFORE UPDATE OF "registration_id", "carrier_id" ON "parcels" FOR EACH ROW
  WHEN (OLD."registration_id" IS DISTINCT FROM NEW."registration_id" OR OLD."carrier_id" IS DISTINCT FROM NEW."carrier_id")
  EXECUTE FUNCTION "refuse_registration_change"();--> statement-breakpoint
CREATE TRIGGER "registrations_fixed" BEFORE UPDATE OF "id", "carrier_id" ON "registrations" FOR EACH ROW
  WHEN (OLD."id" IS DISTINCT FROM NEW."id" OR OLD."carrier_id" IS DISTINCT FROM NEW."carrier_id")
  EXECUTE FUNCTION "refuse_registration_change"();--> statement-breakpoint
CREATE TRIGGER "registrations_kept" BEFORE DELETE ON "registrations" FOR EACH ROW
  EXECUTE FUNCTION "refuse_registration_change"();
