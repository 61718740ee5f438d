import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./client";

/**
 * The partitioned history tables (migration 0017_partition_history, docs/history-retention.md):
 * each is split by range of its time column into a month's or a day's partitions, made ahead of
 * time by ensurePartitionsAhead and dropped whole by dropExpiredPartitions once retention has
 * passed everything in them. There is no default partition: a row always finds its period's.
 */
export const HISTORY_TABLES = [
  { table: "parcel_events", period: "month" },
  { table: "disclosures", period: "month" },
  { table: "messages", period: "month" },
  { table: "reports", period: "month" },
  { table: "import_chunks", period: "month" },
  { table: "import_errors", period: "month" },
  { table: "idempotency_keys", period: "day" },
] as const;

export type HistoryTable = (typeof HISTORY_TABLES)[number]["table"];
type Period = (typeof HISTORY_TABLES)[number]["period"];

/**
 * Periods made ahead of now: three months, or two weeks of days. An hourly job that fails for
 * days on end (or whose lock waits time out) still leaves inserts a partition to land in.
 */
const AHEAD: Record<Period, number> = { month: 3, day: 14 };

/**
 * DDL on a partitioned table locks its parent against every read and write until it commits;
 * waiting behind a long query would queue the traffic behind the DDL. Better to give up and try
 * again at the next hourly run: the partitions are made well ahead.
 */
const LOCK_TIMEOUT = sql.raw("set local lock_timeout = '3s'");

/** The start of each of the next `count` periods after the one holding `now` (UTC), the current one first. */
function periodsFrom(now: Date, period: Period, count: number): Date[] {
  const starts: Date[] = [];
  for (let i = 0; i <= count; i++) {
    starts.push(
      period === "month"
        ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))
        : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + i)),
    );
  }
  return starts;
}

/**
 * Makes each history table's partitions for the current period and the ones ahead, those not
 * there yet (history_partition, in SQL, is the one place that names and makes a partition). Safe
 * on several servers at once: history_partition serialises on an advisory lock and makes a
 * partition only if it is still missing. Returns the partitions it looked at.
 */
export async function ensurePartitionsAhead(db: Database, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(LOCK_TIMEOUT);
    const names: string[] = [];
    for (const { table, period } of HISTORY_TABLES) {
      for (const start of periodsFrom(now, period, AHEAD[period])) {
        const [row] = await tx.execute<{ name: string }>(
          sql`select history_partition(${table}, ${period}, ${start.toISOString()}::timestamptz) as name`,
        );
        if (row) names.push(row.name);
      }
    }
    return names;
  });
}

export type Partition = { table: HistoryTable; name: string; from: Date; to: Date };

/** A table's partitions with their bounds, oldest first. */
export async function partitionsOf(db: Database | Transaction, table: HistoryTable): Promise<Partition[]> {
  const rows = await db.execute<{ name: string; from: number; to: number }>(sql`
    select name, extract(epoch from lower) * 1000 as from, extract(epoch from upper) * 1000 as to
    from (
      select c.relname as name,
        (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz as lower,
        (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz as upper
      from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = ${table}::regclass
    ) bounds
    order by lower`);
  return rows.map((row) => ({ table, name: row.name, from: new Date(Number(row.from)), to: new Date(Number(row.to)) }));
}

/**
 * Called in the dropping transaction before a partition goes, with the partition still attached;
 * false keeps it (for now). The audit log records where its chain now starts here.
 */
export type BeforeDrop = (tx: Transaction, partition: Partition) => Promise<boolean>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Detaches and drops every partition whose upper bound is older than now minus the table's
 * retention (in days): only partitions all of whose rows are past it. Each in its own
 * transaction under the partitions' advisory lock, so servers running it at once drop each
 * partition once. Returns the partitions dropped.
 */
export async function dropExpiredPartitions(
  db: Database,
  now: Date,
  retentionDays: (table: HistoryTable) => number,
  beforeDrop: Partial<Record<HistoryTable, BeforeDrop>> = {},
): Promise<Partition[]> {
  const dropped: Partition[] = [];
  for (const { table } of HISTORY_TABLES) {
    const days = retentionDays(table);
    if (!Number.isFinite(days) || days <= 0)
      throw new RangeError(`retention of ${table} must be positive, got ${days}`);
    const cutoff = now.getTime() - days * DAY_MS;
    for (const partition of await partitionsOf(db, table)) {
      if (partition.to.getTime() > cutoff) break;
      if (await dropPartition(db, partition, beforeDrop[table])) dropped.push(partition);
    }
  }
  return dropped;
}

async function dropPartition(db: Database, partition: Partition, beforeDrop?: BeforeDrop): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(LOCK_TIMEOUT);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('exq-history-partitions', 0))`);
    // Another server may have dropped it while this one waited for the lock.
    const [still] = await tx.execute(sql`select 1 from pg_class where relname = ${partition.name}`);
    if (!still) return false;
    if (beforeDrop && !(await beforeDrop(tx, partition))) return false;
    const parent = sql.identifier(partition.table);
    const name = sql.identifier(partition.name);
    await tx.execute(sql`alter table ${parent} detach partition ${name}`);
    await tx.execute(sql`drop table ${name}`);
    return true;
  });
}
