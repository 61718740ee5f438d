import type postgres from "postgres";

/**
 * Turns every partitioned table of a scratch database back into a plain table with the same
 * name, columns, defaults, checks, keys, indexes and sequences (its partitions, triggers and the
 * functions taking its row type are dropped), so drizzle-kit, which reads plain tables only and
 * would take each partition for a table of its own, compares the parents with db/schema.ts.
 * Only for a database about to be thrown away.
 */
export async function unpartitionTables(sql: postgres.Sql): Promise<string[]> {
  const [row] = await sql<{ tables: string[] }[]>`
    select coalesce(array_agg(relname::text order by relname), '{}') as tables
    from pg_class where relkind = 'p' and relnamespace = 'public'::regnamespace`;
  const tables = row?.tables ?? [];
  for (const table of tables) await unpartition(sql, table);
  return tables;
}

async function unpartition(sql: postgres.Sql, table: string) {
  await sql.begin(async (tx) => {
    const plain = `${table}_plain`;
    const constraints = await tx<{ name: string; body: string }[]>`
      select conname as name, pg_get_constraintdef(oid) as body from pg_constraint
      where conrelid = ${table}::regclass and contype in ('p', 'u', 'f') order by contype desc, conname`;
    const indexes = await tx<{ body: string }[]>`
      select pg_get_indexdef(i.indexrelid) as body from pg_index i
      where i.indrelid = ${table}::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid)`;
    const sequences = await tx<{ seq: string; col: string }[]>`
      select s.relname as seq, a.attname as col from pg_depend d
      join pg_class s on s.oid = d.objid and s.relkind = 'S'
      join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
      where d.refobjid = ${table}::regclass and d.deptype = 'a'`;
    await tx.unsafe(`create table "${plain}" (like "${table}" including defaults including constraints)`);
    for (const { seq, col } of sequences) await tx.unsafe(`alter sequence "${seq}" owned by "${plain}"."${col}"`);
    await tx.unsafe(`drop table "${table}" cascade`);
    await tx.unsafe(`alter table "${plain}" rename to "${table}"`);
    for (const { name, body } of constraints)
      await tx.unsafe(`alter table "${table}" add constraint "${name}" ${body}`);
    for (const { body } of indexes) await tx.unsafe(body.replace(" ON ONLY ", " ON "));
  });
}
