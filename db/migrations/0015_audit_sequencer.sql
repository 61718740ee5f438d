DROP INDEX "disclosures_carrier_viewer_seq_idx";--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "chain_seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosures" ADD COLUMN "content_hash" text;--> statement-breakpoint
CREATE INDEX "disclosures_carrier_id_idx" ON "disclosures" USING btree ("carrier_id","id");--> statement-breakpoint
CREATE INDEX "disclosures_carrier_viewer_id_idx" ON "disclosures" USING btree ("carrier_id","viewer_user_id","id");--> statement-breakpoint
CREATE INDEX "disclosures_unsequenced_idx" ON "disclosures" USING btree ("carrier_id","id") WHERE "disclosures"."chain_seq" is null;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_sequenced_together" CHECK (("disclosures"."chain_seq" is null) = ("disclosures"."prev_hash" is null) and ("disclosures"."chain_seq" is null) = ("disclosures"."hash" is null));--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_content_hashed" CHECK ("disclosures"."content_hash" is not null or "disclosures"."chain_seq" is not null);--> statement-breakpoint
-- Requests append audit rows without any shared lock; a sequencer per carrier (lib/audit/sequencer.ts)
-- links them into the carrier's hash chain a moment later, in batches. See docs/console.md, "The
-- audit log".
--
-- At insert the trigger stamps the carrier and a SHA-256 of the row's own content (content_hash),
-- and nothing else: a row cannot place itself in the chain. The sequencer, holding the carrier's
-- advisory lock, gives each waiting row its sequence number, the previous row's hash and its link
-- hash over (previous hash, sequence number, content hash), then moves the chain head. Rows
-- chained before this migration keep their hashes (content_hash NULL marks them); the chain
-- simply continues from their head.
CREATE FUNCTION "audit_content_hash"(d "disclosures") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    'exq-audit-row-v2', d.carrier_id::text, d.id::text, d.parcel_id::text,
    audit_field(d.viewer_user_id::text), audit_field(d.viewer_api_key_id::text), audit_field(d.viewer_role),
    audit_field((SELECT cardinality(d.fields)::text || '#' || coalesce(string_agg(audit_field(f), '' ORDER BY n), '')
                 FROM unnest(d.fields) WITH ORDINALITY AS u(f, n))),
    audit_field(d.ip), audit_field(d.user_agent),
    ((extract(epoch FROM d.created_at) * 1000000)::bigint)::text
  ), 'UTF8')), 'hex')
$$;--> statement-breakpoint
CREATE FUNCTION "audit_link_hash"(prev text, seq bigint, content text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', 'exq-audit-link-v2', prev, seq::text, content), 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- The advisory lock key of a carrier's sequencer: whoever holds it is the only one linking rows.
CREATE FUNCTION "audit_sequencer_key"(carrier uuid) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT hashtextextended('exq-audit-sequencer:' || carrier::text, 0)
$$;--> statement-breakpoint
DROP TRIGGER "disclosures_chain" ON "disclosures";--> statement-breakpoint
DROP FUNCTION "disclosures_chain"();--> statement-breakpoint
DROP FUNCTION "disclosure_hash"(text, "disclosures");--> statement-breakpoint
CREATE FUNCTION "disclosures_seal"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT "carrier_id" INTO NEW.carrier_id FROM "parcels" WHERE "id" = NEW.parcel_id;
  IF NEW.carrier_id IS NULL THEN
    RAISE EXCEPTION 'disclosure of an unknown parcel' USING ERRCODE = 'foreign_key_violation';
  END IF;
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  NEW.content_hash := audit_content_hash(NEW);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "disclosures_seal" BEFORE INSERT ON "disclosures"
  FOR EACH ROW EXECUTE FUNCTION "disclosures_seal"();--> statement-breakpoint
-- Still refuses every DELETE and every UPDATE but one: the sequencer's, which sets a waiting row's
-- chain columns once, from NULL, with a link hash that matches, changes nothing else, and holds
-- the carrier's sequencer lock (taken here if free: then this transaction is that sequencer).
CREATE OR REPLACE FUNCTION "disclosures_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  probe "disclosures";
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL THEN
    probe := NEW;
    probe.chain_seq := NULL;
    probe.prev_hash := NULL;
    probe.hash := NULL;
    IF probe IS NOT DISTINCT FROM OLD AND OLD.content_hash IS NOT NULL
       AND NEW.hash = audit_link_hash(NEW.prev_hash, NEW.chain_seq, NEW.content_hash)
       AND pg_try_advisory_xact_lock(audit_sequencer_key(NEW.carrier_id)) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % on disclosures is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
