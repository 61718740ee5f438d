-- The audit log (disclosures) becomes append-only and tamper-evident, and reports get an inbox
-- status. See README, "The audit log".
--
-- Append-only: a trigger refuses every UPDATE, DELETE and TRUNCATE of disclosures. Privileges
-- alone would not hold: the app usually connects as the table's owner (or, in tests, as a
-- superuser), and an owner can grant itself back what was revoked while a superuser bypasses
-- grants entirely; a trigger holds for both. Only ALTER TABLE ... DISABLE TRIGGER (owner or
-- superuser, a DDL statement the app never issues) gets past it, and then the hash chain below
-- shows the change. The retention purge (lib/parcels/purge.ts) never touches this table: it
-- clears a parcel's personal columns and keeps the parcel row, so its disclosures stay. A
-- parcel with disclosures can no longer be deleted (the cascade hits the trigger), which the
-- product never does. The privileges are revoked too, for a deployment whose app role is not
-- the owner.
--
-- Tamper-evident: each row carries its carrier's sequence number, the hash of the carrier's
-- previous row and its own hash over a canonical text of every column (disclosure_hash).
-- The carrier's chain head (audit_chain_heads) is locked FOR UPDATE inside the inserting
-- transaction, so concurrent inserts queue per carrier and never fork the chain; (carrier_id,
-- chain_seq) is unique as a second guard. A carrier's first row links to 64 zeros. Rows
-- written before this migration are chained here in (created_at, id) order: that is their
-- genesis, attested from now on.
ALTER TABLE "disclosures" ADD COLUMN "carrier_id" uuid REFERENCES "carriers"("id");--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
  "carrier_id" uuid PRIMARY KEY NOT NULL REFERENCES "carriers"("id"),
  "seq" bigint NOT NULL,
  "hash" text NOT NULL
);--> statement-breakpoint
-- One field of the canonical text: its length in UTF-8 bytes, a colon and the value, or "~" for
-- NULL, so no value can pass for two. lib/audit/chain-hash.ts computes the same in TypeScript.
CREATE FUNCTION "audit_field"(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN '~' ELSE octet_length(convert_to(v, 'UTF8'))::text || ':' || v END
$$;--> statement-breakpoint
CREATE FUNCTION "disclosure_hash"(prev text, d "disclosures") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    'exq-audit-v1', prev, d.carrier_id::text, d.chain_seq::text, d.id::text, d.parcel_id::text,
    audit_field(d.viewer_user_id::text), audit_field(d.viewer_api_key_id::text), audit_field(d.viewer_role),
    audit_field((SELECT cardinality(d.fields)::text || '#' || coalesce(string_agg(audit_field(f), '' ORDER BY n), '')
                 FROM unnest(d.fields) WITH ORDINALITY AS u(f, n))),
    audit_field(d.ip), audit_field(d.user_agent),
    ((extract(epoch FROM d.created_at) * 1000000)::bigint)::text
  ), 'UTF8')), 'hex')
$$;--> statement-breakpoint
CREATE FUNCTION "disclosures_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head "audit_chain_heads"%ROWTYPE;
BEGIN
  SELECT "carrier_id" INTO NEW.carrier_id FROM "parcels" WHERE "id" = NEW.parcel_id;
  IF NEW.carrier_id IS NULL THEN
    RAISE EXCEPTION 'disclosure of an unknown parcel' USING ERRCODE = 'foreign_key_violation';
  END IF;
  INSERT INTO "audit_chain_heads" ("carrier_id", "seq", "hash")
    VALUES (NEW.carrier_id, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
  -- Held until the inserting transaction ends: the next insert of this carrier waits for it.
  SELECT * INTO head FROM "audit_chain_heads" WHERE "carrier_id" = NEW.carrier_id FOR UPDATE;
  NEW.chain_seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := disclosure_hash(head.hash, NEW);
  UPDATE "audit_chain_heads" SET "seq" = NEW.chain_seq, "hash" = NEW.hash WHERE "carrier_id" = NEW.carrier_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
-- Chain what is already there (the trigger below does it for every new row).
UPDATE "disclosures" d SET "carrier_id" = p."carrier_id" FROM "parcels" p WHERE p."id" = d."parcel_id";--> statement-breakpoint
UPDATE "disclosures" d SET "chain_seq" = s.n
  FROM (SELECT "id", row_number() OVER (PARTITION BY "carrier_id" ORDER BY "created_at", "id") AS n FROM "disclosures") s
  WHERE s."id" = d."id";--> statement-breakpoint
DO $$
DECLARE
  r "disclosures";
  prev text;
  carrier uuid;
BEGIN
  FOR r IN SELECT * FROM "disclosures" ORDER BY "carrier_id", "chain_seq" LOOP
    IF carrier IS DISTINCT FROM r.carrier_id THEN
      prev := repeat('0', 64);
      carrier := r.carrier_id;
    END IF;
    UPDATE "disclosures" SET "prev_hash" = prev, "hash" = disclosure_hash(prev, r) WHERE "id" = r.id
      RETURNING "hash" INTO prev;
  END LOOP;
  INSERT INTO "audit_chain_heads" ("carrier_id", "seq", "hash")
    SELECT DISTINCT ON ("carrier_id") "carrier_id", "chain_seq", "hash" FROM "disclosures"
    ORDER BY "carrier_id", "chain_seq" DESC;
END
$$;--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "carrier_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "chain_seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
-- Keyset paging of the console's audit log and the verifier's walk, per carrier.
CREATE UNIQUE INDEX "disclosures_carrier_seq_key" ON "disclosures" USING btree ("carrier_id", "chain_seq");--> statement-breakpoint
-- The log filtered by courier (or any staff member who looked).
CREATE INDEX "disclosures_carrier_viewer_seq_idx" ON "disclosures" USING btree ("carrier_id", "viewer_user_id", "chain_seq");--> statement-breakpoint
CREATE TRIGGER "disclosures_chain" BEFORE INSERT ON "disclosures"
  FOR EACH ROW EXECUTE FUNCTION "disclosures_chain"();--> statement-breakpoint
CREATE FUNCTION "disclosures_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on disclosures is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER "disclosures_append_only" BEFORE UPDATE OR DELETE ON "disclosures"
  FOR EACH ROW EXECUTE FUNCTION "disclosures_append_only"();--> statement-breakpoint
CREATE TRIGGER "disclosures_no_truncate" BEFORE TRUNCATE ON "disclosures"
  FOR EACH STATEMENT EXECUTE FUNCTION "disclosures_append_only"();--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "disclosures" FROM PUBLIC;--> statement-breakpoint
-- The reports inbox: new until an admin marks it handled, with the admin's note.
ALTER TABLE "reports" ADD COLUMN "status" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_status_check" CHECK ("status" IN ('new', 'handled'));--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "handled_by" uuid REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX "reports_carrier_status_created_idx" ON "reports" USING btree ("carrier_id", "status", "created_at", "id");
--> statement-breakpoint
-- Labels for a whole import (lib/labels/label-data.ts) find its registrations by this.
CREATE INDEX "registrations_import_idx" ON "registrations" USING btree ("import_id") WHERE "import_id" IS NOT NULL;
