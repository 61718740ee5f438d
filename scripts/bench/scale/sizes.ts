/**
 * The database's size per table for bench:scale: heap, TOAST and indexes (pg_total_relation_size),
 * a partitioned table counted with all its partitions, rows as the last ANALYZE estimated them.
 */
import type { Sql } from "postgres";

export type TableSize = { table: string; rows: number; bytes: number };

export async function tableSizes(sql: Sql): Promise<TableSize[]> {
  const rows = await sql<{ table: string; rows: string; bytes: string }[]>`
    with recursive tree as (
      select c.oid as root, c.oid as rel from pg_class c
      where c.relkind in ('r', 'p') and c.relnamespace = 'public'::regnamespace and not c.relispartition
      union all
      select tree.root, i.inhrelid from tree join pg_inherits i on i.inhparent = tree.rel
    )
    select root.relname as table,
      sum(greatest(part.reltuples, 0))::bigint as rows,
      sum(pg_total_relation_size(part.oid))::bigint as bytes
    from tree join pg_class root on root.oid = tree.root join pg_class part on part.oid = tree.rel
    group by root.relname order by 3 desc`;
  return rows.map((row) => ({ table: row.table, rows: Number(row.rows), bytes: Number(row.bytes) }));
}
