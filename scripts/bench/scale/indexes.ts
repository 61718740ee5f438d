/**
 * The big tables' secondary indexes come off while bench:scale copies rows in and are built again
 * afterwards: one sort per index instead of millions of random insertions into it. Primary keys
 * stay (their values arrive in order). Read from the catalogue, so whatever the schema is (plain
 * tables, or time-partitioned parents whose indexes cascade to the partitions), the same indexes
 * come back.
 */
import type { Sql } from "postgres";

const BIG_TABLES = ["parcels", "parcel_events", "disclosures"];
// The audit sequencer looks for unsequenced rows every second through this one; the fill writes
// none, so it stays empty and cheap, and without it each look would read the whole table.
const KEEP = new Set(["disclosures_unsequenced_idx"]);

export type IndexDefinition = { name: string; definition: string };

/** Drops the big tables' indexes that back no constraint and returns how to build them again. */
export async function dropSecondaryIndexes(sql: Sql): Promise<IndexDefinition[]> {
  const rows = await sql<IndexDefinition[]>`
    select ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class t on t.oid = i.indrelid
    join pg_class ic on ic.oid = i.indexrelid
    where t.relname in ${sql(BIG_TABLES)} and t.relnamespace = 'public'::regnamespace
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  const dropped = rows.filter((row) => !KEEP.has(row.name));
  for (const { name } of dropped) await sql.unsafe(`drop index "${name}"`);
  return dropped;
}

/** Builds the dropped indexes again, with room to sort in memory. */
export async function rebuildIndexes(sql: Sql, indexes: IndexDefinition[]): Promise<void> {
  await sql.unsafe("set maintenance_work_mem = '1GB'");
  // A partitioned parent's index reads "ON ONLY parent"; built without ONLY it covers every partition.
  for (const { definition } of indexes) await sql.unsafe(definition.replace(" ON ONLY ", " ON "));
}
