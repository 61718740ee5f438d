-- The history tables become partitioned by range of their time column: a month per partition,
-- a day for idempotency keys (docs/history-retention.md). Retention then drops whole partitions
-- (lib/history) instead of deleting rows. drizzle-kit cannot declare PARTITION BY, so this is
-- written by hand; db/schema.ts still declares the columns, keys and indexes of each parent.
--
-- history_partition creates the partition holding `at` (if missing) and copies the parent's
-- statement-level triggers to it: PostgreSQL clones row triggers to partitions but not
-- statement ones, and a TRUNCATE of one partition fires only that partition's. It serialises on
-- an advisory lock, so several servers making the same partition at once make it once.
CREATE FUNCTION "history_partition"(parent text, period text, at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  start timestamp := date_trunc(period, at AT TIME ZONE 'UTC');
  name text := parent || '_p' || to_char(start, CASE period WHEN 'day' THEN 'YYYY_MM_DD' ELSE 'YYYY_MM' END);
  def text;
BEGIN
  IF period NOT IN ('month', 'day') THEN
    RAISE EXCEPTION 'history partitions are a month or a day, not %', period;
  END IF;
  IF to_regclass(quote_ident(name)) IS NOT NULL THEN
    RETURN name;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('exq-history-partitions', 0));
  IF to_regclass(quote_ident(name)) IS NOT NULL THEN
    RETURN name;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', name, parent,
    start AT TIME ZONE 'UTC', (start + ('1 ' || period)::interval) AT TIME ZONE 'UTC');
  FOR def IN SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t
             WHERE t.tgrelid = parent::regclass AND NOT t.tgisinternal AND t.tgtype & 1 = 0 LOOP
    EXECUTE regexp_replace(def, ' ON \S+ ', format(' ON %I ', name));
  END LOOP;
  RETURN name;
END
$$;--> statement-breakpoint
-- Moves one table: the old one is renamed and stripped of its keys and indexes, the partitioned
-- one takes its name, columns, defaults, checks, keys, indexes and sequences, with partitions for
-- every row there and the periods ahead (the servers keep those ahead from then on), and the rows.
-- The old table is dropped by the caller (a function may still take its row type). With `kept`,
-- only the rows newer than that move: older ones are past their retention already.
CREATE FUNCTION pg_temp.partition_history_table(tbl text, key text, period text, ahead interval, kept interval)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  old text := tbl || '_unpartitioned';
  item record;
  statements text[] := '{}';
  statement text;
  t timestamptz;
  last timestamptz;
BEGIN
  EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, old);
  FOR item IN SELECT conname, pg_get_constraintdef(oid) AS body FROM pg_constraint
              WHERE conrelid = old::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype DESC, conname LOOP
    statements := statements || format('ALTER TABLE %I ADD CONSTRAINT %I %s', tbl, item.conname, item.body);
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', old, item.conname);
  END LOOP;
  FOR item IN SELECT c.relname, pg_get_indexdef(i.indexrelid) AS body FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = old::regclass ORDER BY c.relname LOOP
    statements := statements || regexp_replace(item.body, ' ON (public\.)?' || old || ' ', format(' ON %I ', tbl));
    EXECUTE format('DROP INDEX %I', item.relname);
  END LOOP;
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) '
    'PARTITION BY RANGE (%I)', tbl, old, key);
  IF kept IS NOT NULL THEN
    EXECUTE format('DELETE FROM %I WHERE %I <= now() - %L::interval', old, key, kept);
  END IF;
  EXECUTE format('SELECT least(min(%1$I), now()), greatest(max(%1$I), now() + %2$L::interval) FROM %3$I', key, ahead, old)
    INTO t, last;
  WHILE t <= last LOOP
    PERFORM history_partition(tbl, period, t);
    t := t + ('1 ' || period)::interval;
  END LOOP;
  PERFORM history_partition(tbl, period, last);
  EXECUTE format('INSERT INTO %I SELECT * FROM %I', tbl, old);
  FOREACH statement IN ARRAY statements LOOP
    EXECUTE statement;
  END LOOP;
  FOR item IN SELECT s.relname AS seq, a.attname AS col FROM pg_depend d
              JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
              JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
              WHERE d.refobjid = old::regclass AND d.deptype = 'a' LOOP
    EXECUTE format('ALTER SEQUENCE %I OWNED BY %I.%I', item.seq, tbl, item.col);
  END LOOP;
  EXECUTE format('ANALYZE %I', tbl);
END
$$;--> statement-breakpoint
SELECT pg_temp.partition_history_table('parcel_events', 'recorded_at', 'month', '3 months', NULL);--> statement-breakpoint
SELECT pg_temp.partition_history_table('disclosures', 'created_at', 'month', '3 months', NULL);--> statement-breakpoint
SELECT pg_temp.partition_history_table('messages', 'created_at', 'month', '3 months', NULL);--> statement-breakpoint
SELECT pg_temp.partition_history_table('reports', 'created_at', 'month', '3 months', NULL);--> statement-breakpoint
SELECT pg_temp.partition_history_table('import_chunks', 'created_at', 'month', '3 months', NULL);--> statement-breakpoint
SELECT pg_temp.partition_history_table('import_errors', 'created_at', 'month', '3 months', NULL);--> statement-breakpoint
-- A key is replayed for 7 days (lib/idempotency): older ones would only fill a partition a day.
SELECT pg_temp.partition_history_table('idempotency_keys', 'created_at', 'day', '14 days', '7 days');--> statement-breakpoint
-- The audit log's functions and triggers (0009, 0015) move to the partitioned table. The content
-- hash takes a row of the table, so it is made again for the new row type (same body as 0015).
DROP FUNCTION "audit_content_hash"("disclosures_unpartitioned");--> statement-breakpoint
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
DROP TABLE "parcel_events_unpartitioned", "disclosures_unpartitioned", "messages_unpartitioned",
  "reports_unpartitioned", "import_chunks_unpartitioned", "import_errors_unpartitioned",
  "idempotency_keys_unpartitioned";--> statement-breakpoint
CREATE TRIGGER "disclosures_seal" BEFORE INSERT ON "disclosures"
  FOR EACH ROW EXECUTE FUNCTION "disclosures_seal"();--> statement-breakpoint
CREATE TRIGGER "disclosures_append_only" BEFORE UPDATE OR DELETE ON "disclosures"
  FOR EACH ROW EXECUTE FUNCTION "disclosures_append_only"();--> statement-breakpoint
CREATE TRIGGER "disclosures_no_truncate" BEFORE TRUNCATE ON "disclosures"
  FOR EACH STATEMENT EXECUTE FUNCTION "disclosures_append_only"();--> statement-breakpoint
-- The partitions made above predate the parent's TRUNCATE trigger; later ones copy it.
DO $$
DECLARE
  part regclass;
BEGIN
  FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'disclosures'::regclass LOOP
    EXECUTE format('CREATE TRIGGER "disclosures_no_truncate" BEFORE TRUNCATE ON %s '
      'FOR EACH STATEMENT EXECUTE FUNCTION "disclosures_append_only"()', part);
  END LOOP;
END
$$;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "disclosures" FROM PUBLIC;
