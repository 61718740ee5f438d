import { sql } from "drizzle-orm";
import { fmt, printTable, section } from "../report";
import type { Backoffice } from "./people";

export type Footprint = {
  tables: { table: string; rows: number; bytes: number }[];
  redis: { keys: number; usedBytes: number };
};

/**
 * What the day left behind, for sizing: each table's rows and bytes (heap, indexes and TOAST) and
 * Redis's memory and key count. Divided by the day's parcels, these are the per-parcel figures the
 * capacity plan multiplies.
 */
export async function measureFootprint(office: Backoffice): Promise<Footprint> {
  const tables = await office.db.execute<{ table: string; rows: string; bytes: string }>(sql`
    select c.relname as table, c.reltuples::bigint::text as rows, pg_total_relation_size(c.oid)::text as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
    order by pg_total_relation_size(c.oid) desc`);
  const memory = await office.redis.info("memory");
  const usedBytes = Number(/used_memory:(\d+)/.exec(memory)?.[1] ?? 0);
  return {
    tables: tables.map((row) => ({ table: row.table, rows: Math.max(0, Number(row.rows)), bytes: Number(row.bytes) })),
    redis: { keys: await office.redis.dbsize(), usedBytes },
  };
}

export function printFootprint(footprint: Footprint, parcels: number): void {
  section(`what the day stored, per table (${fmt(parcels)} parcels; rows are PostgreSQL's estimate after ANALYZE)`);
  const rows = footprint.tables.map(({ table, rows: count, bytes }) => [
    table,
    fmt(count),
    fmt(Math.round(bytes / 1024)),
    (count / parcels).toFixed(2),
    fmt(Math.round(bytes / parcels)),
  ]);
  printTable(["table", "rows", "KiB", "rows/parcel", "bytes/parcel"], rows);
  const total = footprint.tables.reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(`  all tables: ${fmt(Math.round(total / 1024))} KiB, ${fmt(Math.round(total / parcels))} bytes a parcel`);
  console.log(
    `  Redis: ${fmt(footprint.redis.keys)} keys, ${fmt(Math.round(footprint.redis.usedBytes / 1024))} KiB used`,
  );
}
