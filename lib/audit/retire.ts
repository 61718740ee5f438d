import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import type { Partition } from "@/db/partitions";

/**
 * Before a partition of the audit log is dropped at retention (lib/history): moves each carrier's
 * checkpoint (audit_chain_checkpoints) past the rows it holds — their highest sequence number,
 * that row's hash, and the count retired — so the verifier starts the chain there and still tells
 * a row retention dropped from one somebody deleted. A partition with rows still awaiting the
 * sequencer is kept (false) until they have their place: a checkpoint must lie on the chain.
 */
export async function retireAuditPartition(tx: Transaction, partition: Partition): Promise<boolean> {
  const rows = sql.identifier(partition.name);
  const waiting = await tx.execute(sql`select 1 from ${rows} where chain_seq is null limit 1`);
  if (waiting.length > 0) return false;
  await tx.execute(sql`
    insert into audit_chain_checkpoints as c (carrier_id, seq, hash, retired)
    select carrier_id, max(chain_seq), (array_agg(hash order by chain_seq desc))[1], count(*)
    from ${rows} group by carrier_id
    on conflict (carrier_id) do update set
      seq = greatest(c.seq, excluded.seq),
      hash = case when excluded.seq > c.seq then excluded.hash else c.hash end,
      retired = c.retired + excluded.retired,
      retired_at = now()`);
  return true;
}
