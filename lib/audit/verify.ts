import "server-only";
import type { Sql } from "postgres";
import { chainHash, GENESIS_HASH, type ChainRow } from "./chain-hash";

/** Why a link is broken: the row's own hash, its link to the row before, or a missing row. */
export type BrokenReason = "hash_mismatch" | "prev_mismatch" | "sequence_gap" | "head_mismatch";

export type ChainReport =
  | { ok: true; carrierId: string; rows: number }
  | { ok: false; carrierId: string; rows: number; seq: number; id: number | null; reason: BrokenReason };

type StoredRow = ChainRow & { prevHash: string; hash: string };

const BATCH = 2_000;

/**
 * Walks one carrier's audit chain in sequence order and reports the first broken link: a row
 * whose content no longer gives its hash (altered), whose `prev_hash` is not the previous row's
 * hash, or a gap in the sequence (deleted); a head that does not match the last row means rows
 * were removed from the end. Reads by cursor, so memory stays flat on any length.
 */
export async function verifyCarrierChain(sql: Sql, carrierId: string): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let expected = 1;
  const cursor = sql<StoredRow[]>`
    select carrier_id::text as "carrierId", chain_seq::text as "chainSeq", id::text as id,
           parcel_id::text as "parcelId", viewer_user_id::text as "viewerUserId",
           viewer_api_key_id::text as "viewerApiKeyId", viewer_role as "viewerRole", fields, ip,
           user_agent as "userAgent",
           ((extract(epoch from created_at) * 1000000)::bigint)::text as "createdMicros",
           prev_hash as "prevHash", hash
    from disclosures where carrier_id = ${carrierId} order by chain_seq`.cursor(BATCH);
  for await (const rows of cursor) {
    for (const row of rows) {
      const seq = Number(row.chainSeq);
      const broken = (reason: BrokenReason): ChainReport => ({
        ok: false,
        carrierId,
        rows: expected - 1,
        seq,
        id: Number(row.id),
        reason,
      });
      if (seq !== expected) return broken("sequence_gap");
      if (row.prevHash !== prev) return broken("prev_mismatch");
      if (chainHash(row.prevHash, row) !== row.hash) return broken("hash_mismatch");
      prev = row.hash;
      expected++;
    }
  }
  const rows = expected - 1;
  const [head] = await sql<{ seq: string; hash: string }[]>`
    select seq::text as seq, hash from audit_chain_heads where carrier_id = ${carrierId}`;
  const headSeq = head ? Number(head.seq) : 0;
  if (headSeq !== rows || (head && head.hash !== prev)) {
    return { ok: false, carrierId, rows, seq: Math.min(headSeq, rows) + 1, id: null, reason: "head_mismatch" };
  }
  return { ok: true, carrierId, rows };
}

/** Every carrier that has an audit chain (for `npm run audit:verify` without `--carrier`). */
async function chainedCarriers(sql: Sql): Promise<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }[]>`
    select c.id::text as id, c.name from audit_chain_heads h join carriers c on c.id = h.carrier_id order by c.name`;
}

/** Verifies every chained carrier (or the one given): one report each, in carrier name order. */
export async function verifyAllChains(sql: Sql, carrierId?: string): Promise<(ChainReport & { name: string })[]> {
  const carriers = await chainedCarriers(sql);
  const chosen = carrierId ? carriers.filter((c) => c.id === carrierId) : carriers;
  const reports: (ChainReport & { name: string })[] = [];
  for (const carrier of chosen) reports.push({ ...(await verifyCarrierChain(sql, carrier.id)), name: carrier.name });
  return reports;
}
