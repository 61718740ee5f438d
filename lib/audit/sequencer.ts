import "server-only";
import type { Sql } from "postgres";
import { GENESIS_HASH, linkHash } from "./chain-hash";

/** Rows linked per transaction: a second's worth of one busy carrier's views, in one UPDATE. */
const BATCH = 5_000;

/**
 * Links the carrier's rows that await sequencing into its hash chain, oldest id first, in one
 * transaction: consecutive sequence numbers after the head, each row's link hash over the row
 * before, its place and its content hash, then the new head. Holds the carrier's advisory lock
 * for the transaction, so one sequencer at a time links a carrier's rows, whichever server runs
 * it; returns null when another holds it. Returns how many rows it linked.
 */
export async function sequenceCarrier(sql: Sql, carrierId: string, limit = BATCH): Promise<number | null> {
  return sql.begin(async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`
      select pg_try_advisory_xact_lock(audit_sequencer_key(${carrierId})) as locked`;
    if (!lock?.locked) return null;
    const rows = await tx<{ id: string; createdAt: string; contentHash: string }[]>`
      select d.id::text as id, d.created_at::text as "createdAt", d.content_hash as "contentHash" from disclosures d
      where d.carrier_id = ${carrierId} and d.chain_seq is null order by d.id limit ${limit}`;
    if (rows.length === 0) return 0;
    await tx`insert into audit_chain_heads (carrier_id, seq, hash) values (${carrierId}, 0, ${GENESIS_HASH})
      on conflict do nothing`;
    const [head] = await tx<{ seq: string; hash: string }[]>`
      select seq::text as seq, hash from audit_chain_heads where carrier_id = ${carrierId} for update`;
    let seq = Number(head?.seq ?? 0);
    let prev = head?.hash ?? GENESIS_HASH;
    const links = {
      id: [] as string[],
      createdAt: [] as string[],
      seq: [] as number[],
      prev: [] as string[],
      hash: [] as string[],
    };
    for (const row of rows) {
      seq++;
      const hash = linkHash(prev, seq, row.contentHash);
      links.id.push(row.id);
      links.createdAt.push(row.createdAt);
      links.seq.push(seq);
      links.prev.push(prev);
      links.hash.push(hash);
      prev = hash;
    }
    // By the whole key, created_at too, and from the oldest row's time on: only the partitions of
    // the rows linked (the newest, as a rule) are read.
    await tx`
      with v as (
        select * from unnest(${links.id}::bigint[], ${links.createdAt}::text[]::timestamptz[], ${links.seq}::bigint[],
                             ${links.prev}::text[], ${links.hash}::text[]) as v(id, created_at, seq, prev, hash)
      )
      update disclosures d set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
      from v
      where d.id = v.id and d.created_at = v.created_at and d.created_at >= (select min(created_at) from v)`;
    await tx`update audit_chain_heads set seq = ${seq}, hash = ${prev} where carrier_id = ${carrierId}`;
    return rows.length;
  });
}

/** Every carrier with rows awaiting sequencing, each linked to the end (or left to the sequencer holding it). */
export async function sequenceAuditLog(sql: Sql): Promise<number> {
  const carriers = await sql<{ id: string }[]>`
    select distinct carrier_id::text as id from disclosures where chain_seq is null`;
  let linked = 0;
  for (const { id } of carriers) {
    for (let done = await sequenceCarrier(sql, id); done !== null; done = await sequenceCarrier(sql, id)) {
      linked += done;
      if (done < BATCH) break;
    }
  }
  return linked;
}
