import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@/db/migrate";
import { drizzlePushPlan } from "../support/drizzle-push-plan";
import { scratchDatabase } from "../support/services";
import { unpartitionTables } from "../support/unpartition";

/** The history tables, partitioned by the migration partition_history (docs/history-retention.md). */
const PARTITIONED = [
  "disclosures",
  "idempotency_keys",
  "import_chunks",
  "import_errors",
  "messages",
  "parcel_events",
  "reports",
];

/**
 * drizzle-kit's introspection reads a column's type without its collation, so it always
 * proposes to set the COLLATE "C" that db/schema.ts's asciiKey declares; the collation itself
 * is asserted below from the catalogue instead.
 */
const COLLATION_FALSE_POSITIVES = [
  'ALTER TABLE "parcels" ALTER COLUMN "code" SET DATA TYPE text COLLATE "C"',
  'ALTER TABLE "parcels" ALTER COLUMN "recipient_phone_hash" SET DATA TYPE text COLLATE "C"',
];

/**
 * drizzle-kit reads a composite primary key's columns from information_schema without their
 * order, which PostgreSQL 18 may return reversed, and then proposes to drop and re-add the key.
 * Dropping a composite key and re-adding it exactly as the catalogue holds it (same name, same
 * columns in the same order) changes nothing: such a pair, both statements planned, is ignored.
 */
async function compositeKeyRoundTrips(sql: postgres.Sql): Promise<[string, string][]> {
  const keys = await sql<{ table: string; name: string; columns: string[] }[]>`
    select rel.relname as table, con.conname as name,
      array(select att.attname::text from unnest(con.conkey) with ordinality as k(attnum, n)
        join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum order by k.n) as columns
    from pg_constraint con join pg_class rel on rel.oid = con.conrelid
    where con.contype = 'p' and cardinality(con.conkey) > 1 and rel.relnamespace = 'public'::regnamespace`;
  return keys.map(({ table, name, columns }) => [
    `ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`,
    `ALTER TABLE "${table}" ADD CONSTRAINT "${name}" PRIMARY KEY(${columns.map((c) => `"${c}"`).join(",")})`,
  ]);
}

/** A fresh database migrated from db/migrations; dropped by the caller. */
async function migratedDatabase(label: string) {
  const database = await scratchDatabase(label);
  await runMigrations(database.url);
  return database;
}

describe("a database migrated from db/migrations", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    database = await migratedDatabase("schema-catalogue");
  });
  afterAll(async () => database.drop());

  it("is what db/schema.ts declares: drizzle-kit push has nothing to change", async () => {
    // Its own database: push applies what it plans, which would hide drift from the next test.
    const pushed = await migratedDatabase("schema-push");
    const sql = postgres(pushed.url, { max: 1, onnotice: () => {} });
    try {
      // drizzle-kit reads plain tables only (and would take each partition for one): the parents
      // become plain tables of the same definition, and are compared as such.
      expect(await unpartitionTables(sql)).toEqual(PARTITIONED);
      const roundTrips = await compositeKeyRoundTrips(sql);
      const plan = await drizzlePushPlan(pushed.url);
      const ignored = [
        ...COLLATION_FALSE_POSITIVES,
        ...roundTrips.filter((pair) => pair.every((statement) => plan.includes(statement))).flat(),
      ];
      expect(plan.filter((statement) => !ignored.includes(statement))).toEqual([]);
    } finally {
      await sql.end();
      await pushed.drop();
    }
  }, 60_000);

  it("keeps what drizzle-kit cannot see: the C collation, and the triggers and functions of the hand-written SQL", async () => {
    const sql = postgres(database.url, { max: 1 });
    try {
      const collated = await sql`
        select column_name from information_schema.columns
        where table_schema = 'public' and table_name = 'parcels' and collation_name = 'C' order by column_name`;
      expect(collated.map((row) => row.column_name)).toEqual(["code", "recipient_phone_hash"]);
      const triggers = await sql`
        select tgrelid::regclass::text || '.' || tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not tgisinternal and not c.relispartition order by 1`;
      expect(triggers.map((row) => row.name)).toEqual([
        "disclosures.disclosures_append_only",
        "disclosures.disclosures_no_truncate",
        "disclosures.disclosures_seal",
        "parcels.parcels_courier_assigned_at",
        "parcels.parcels_registration_check",
        "parcels.parcels_registration_fixed",
        "registrations.registrations_fixed",
        "registrations.registrations_kept",
      ]);
      const functions = await sql`
        select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' order by 1`;
      expect(functions.map((row) => row.proname)).toEqual([
        "audit_content_hash",
        "audit_field",
        "audit_link_hash",
        "audit_sequencer_key",
        "disclosures_append_only",
        "disclosures_seal",
        "history_partition",
        "parcels_check_registration",
        "parcels_courier_assigned_at",
        "refuse_registration_change",
      ]);
    } finally {
      await sql.end();
    }
  });

  it("partitions the history tables by range of their time column, with the current period's partition made", async () => {
    const sql = postgres(database.url, { max: 1 });
    try {
      const parents = await sql<{ table: string; key: string; partitions: number }[]>`
        select c.relname as table, pg_get_partkeydef(c.oid) as key,
          (select count(*)::int from pg_inherits i where i.inhparent = c.oid) as partitions
        from pg_class c where c.relkind = 'p' and c.relnamespace = 'public'::regnamespace order by 1`;
      expect(parents.map((row) => [row.table, row.key])).toEqual(
        PARTITIONED.map((table) => [table, `RANGE (${table === "parcel_events" ? "recorded_at" : "created_at"})`]),
      );
      for (const row of parents) expect(row.partitions).toBeGreaterThan(1);
      const defaults = await sql`select 1 from pg_partitioned_table where partdefid <> 0`;
      expect(defaults).toHaveLength(0);
    } finally {
      await sql.end();
    }
  });
});
