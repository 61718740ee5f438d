import "server-only";
import type { Sql, TransactionSql } from "postgres";
import { chainHash, contentHash, GENESIS_HASH, linkHash, type ContentRow } from "./chain-hash";

/**
 * Why the log is broken: a sequenced row's content or link no longer gives its hash, its link to
 * the row before, a missing row, a head past the last row; or a row awaiting sequencing whose
 * content no longer gives its content hash.
 */
export type BrokenReason = "hash_mismatch" | "prev_mismatch" | "sequence_gap" | "head_mismatch" | "pending_altered";

/**
 * `rows`: sequenced rows whose links hold; `pending`: rows awaiting sequencing, each checked
 * against its content hash; `retired`: the oldest rows, dropped with their partitions at
 * retention (lib/audit/retire.ts), before the row the chain now starts from.
 */
export type ChainReport =
  | { ok: true; carrierId: string; rows: number; pending: number; retired: number }
  | {
      ok: false;
      carrierId: string;
      rows: number;
      /** The first broken link's sequence number; null for a row awaiting sequencing. */
      seq: number | null;
      id: number | null;
      reason: BrokenReason;
    };

type StoredRow = ContentRow & { chainSeq: string | null; contentHash: string | null; prevHash: string; hash: string };

const BATCH = 2_000;

const rowsOf = (tx: TransactionSql, carrierId: string, sequenced: boolean) => tx<StoredRow[]>`
  select carrier_id::text as "carrierId", chain_seq::text as "chainSeq", id::text as id,
         parcel_id::text as "parcelId", viewer_user_id::text as "viewerUserId",
         viewer_api_key_id::text as "viewerApiKeyId", viewer_role as "viewerRole", fields, ip,
         user_agent as "userAgent",
         ((extract(epoch from created_at) * 1000000)::bigint)::text as "createdMicros",
         content_hash as "contentHash", prev_hash as "prevHash", hash
  from disclosures d
  where d.carrier_id = ${carrierId}
    and ${sequenced ? tx`d.chain_seq is not null order by d.chain_seq` : tx`d.chain_seq is null order by d.id`}`;

/** Whether a sequenced row's stored hash is what its content and link give (by the hash version it was chained with). */
function holds(row: StoredRow & { chainSeq: string }): boolean {
  if (row.contentHash === null) return chainHash(row.prevHash, row) === row.hash;
  return (
    contentHash(row) === row.contentHash && linkHash(row.prevHash, Number(row.chainSeq), row.contentHash) === row.hash
  );
}

/** Where the carrier's chain starts: after the rows retention retired, or at the genesis. */
type Checkpoint = { seq: number; hash: string; retired: number };

const GENESIS: Checkpoint = { seq: 0, hash: GENESIS_HASH, retired: 0 };

async function checkpointOf(tx: TransactionSql, carrierId: string): Promise<Checkpoint> {
  const [row] = await tx<{ seq: string; hash: string; retired: string }[]>`
    select seq::text as seq, hash, retired::text as retired from audit_chain_checkpoints where carrier_id = ${carrierId}`;
  return row ? { seq: Number(row.seq), hash: row.hash, retired: Number(row.retired) } : GENESIS;
}

/**
 * Walks the sequenced rows in chain order from the checkpoint: the first broken link, or how many
 * rows hold, the last sequence number and hash. Rows numbered up to the checkpoint that retention
 * left behind (a row whose time fell in the next partition) are checked on their own; with the
 * retired ones they must account for every number up to the checkpoint, or one was deleted.
 */
async function walkChain(tx: TransactionSql, carrierId: string, start: Checkpoint) {
  let prev = start.hash;
  let expected = start.seq + 1;
  let rows = 0;
  const accounted = () => start.retired + rows === start.seq;
  const broken = (reason: BrokenReason, seq: number, id: number | null) =>
    ({ ok: false, carrierId, rows, seq, id, reason }) as const;
  for await (const batch of rowsOf(tx, carrierId, true).cursor(BATCH)) {
    for (const row of batch) {
      const seq = Number(row.chainSeq);
      const id = Number(row.id);
      if (seq > start.seq && expected === start.seq + 1 && !accounted()) return broken("sequence_gap", seq, id);
      if (seq <= start.seq || seq === expected) {
        if (seq > start.seq && row.prevHash !== prev) return broken("prev_mismatch", seq, id);
        if (!holds({ ...row, chainSeq: String(seq) })) return broken("hash_mismatch", seq, id);
      } else return broken("sequence_gap", seq, id);
      if (seq > start.seq) {
        prev = row.hash;
        expected++;
      }
      rows++;
    }
  }
  if (expected === start.seq + 1 && !accounted()) return broken("sequence_gap", start.seq + 1, null);
  return { ok: true as const, rows, lastSeq: expected - 1, last: prev };
}

/** Checks each row awaiting sequencing against its content hash: the first altered one, or how many there are. */
async function checkPending(tx: TransactionSql, carrierId: string) {
  let pending = 0;
  for await (const rows of rowsOf(tx, carrierId, false).cursor(BATCH)) {
    for (const row of rows) {
      if (row.contentHash === null || contentHash(row) !== row.contentHash) return { altered: Number(row.id), pending };
      pending++;
    }
  }
  return { altered: null, pending };
}

/**
 * Verifies one carrier's audit log in one snapshot (so the sequencer moving on meanwhile is not
 * a broken head): walks the sequenced rows in chain order, from the row after the checkpoint
 * retention left (its prev_hash must be the checkpoint's hash), and reports the first broken link (a row
 * whose content or link no longer gives its hash: altered; whose `prev_hash` is not the previous
 * row's hash: altered or inserted; a gap: deleted), then the head (rows removed from the end),
 * then checks every row awaiting sequencing against its content hash. Reads by cursor, so memory
 * stays flat on any length.
 */
export async function verifyCarrierChain(sql: Sql, carrierId: string): Promise<ChainReport> {
  return sql.begin("isolation level repeatable read read only", async (tx): Promise<ChainReport> => {
    const start = await checkpointOf(tx, carrierId);
    const walk = await walkChain(tx, carrierId, start);
    if (!walk.ok) return walk;
    const [head] = await tx<{ seq: string; hash: string }[]>`
      select seq::text as seq, hash from audit_chain_heads where carrier_id = ${carrierId}`;
    const headSeq = head ? Number(head.seq) : 0;
    if (headSeq !== walk.lastSeq || (head && head.hash !== walk.last)) {
      const seq = Math.min(headSeq, walk.lastSeq) + 1;
      return { ok: false, carrierId, rows: walk.rows, seq, id: null, reason: "head_mismatch" };
    }
    const { altered, pending } = await checkPending(tx, carrierId);
    if (altered !== null)
      return { ok: false, carrierId, rows: walk.rows, seq: null, id: altered, reason: "pending_altered" };
    return { ok: true, carrierId, rows: walk.rows, pending, retired: start.retired };
  });
}

/** Every carrier with audit rows or a chain head (for `npm run audit:verify` without `--carrier`). */
async function auditedCarriers(sql: Sql): Promise<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }[]>`
    select c.id::text as id, c.name from carriers c
    where exists (select 1 from disclosures d where d.carrier_id = c.id)
       or exists (select 1 from audit_chain_heads h where h.carrier_id = c.id)
    order by c.name`;
}

/** Verifies every carrier's log (or the one given): one report each, in carrier name order. */
export async function verifyAllChains(sql: Sql, carrierId?: string): Promise<(ChainReport & { name: string })[]> {
  const carriers = await auditedCarriers(sql);
  const chosen = carrierId ? carriers.filter((c) => c.id === carrierId) : carriers;
  const reports: (ChainReport & { name: string })[] = [];
  for (const carrier of chosen) reports.push({ ...(await verifyCarrierChain(sql, carrier.id)), name: carrier.name });
  return reports;
}
