import "server-only";
import type { Database } from "@/db/client";
import { dropExpiredPartitions, ensurePartitionsAhead, type HistoryTable, type Partition } from "@/db/partitions";
import type { Env } from "@/lib/config/env";
import { IDEMPOTENCY_WINDOW_DAYS } from "@/lib/idempotency/idempotency";
import { retireAuditPartition } from "@/lib/audit/retire";

/**
 * Days each history table keeps its rows: HISTORY_RETENTION_DAYS, but idempotency keys only their
 * replay window. Messages and reports lost their personal data at their parcel's purge already;
 * what is left of them goes with the rest of the history.
 */
const retentionOf = (config: Pick<Env, "HISTORY_RETENTION_DAYS">) => (table: HistoryTable) =>
  table === "idempotency_keys" ? IDEMPOTENCY_WINDOW_DAYS : config.HISTORY_RETENTION_DAYS;

/**
 * The history's hourly upkeep (docs/history-retention.md): makes the partitions ahead, then drops
 * those whose every row is past retention, whole, instead of deleting rows one by one. Before an
 * audit log partition goes, its carriers' chain checkpoints move past it (lib/audit/retire.ts).
 * Safe on several servers at once. Returns the partitions dropped.
 */
export async function keepHistory(
  db: Database,
  config: Pick<Env, "HISTORY_RETENTION_DAYS">,
  now = new Date(),
): Promise<{ dropped: Partition[] }> {
  await ensurePartitionsAhead(db, now);
  const dropped = await dropExpiredPartitions(db, now, retentionOf(config), { disclosures: retireAuditPartition });
  return { dropped };
}
