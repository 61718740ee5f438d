/**
 * One phase of bench:scale's fill: `parcels` new parcels registered over the DAYS days before
 * `now`, with their history, streamed into PostgreSQL by COPY a chunk at a time while the next
 * chunk is generated. The rows are made consistent by construction (audit rows chained, counts
 * on their registrations), so the copy runs with triggers and foreign-key checks off
 * (session_replication_role = replica, which needs a superuser, as the scratch cluster's is).
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Sql } from "postgres";
import { parcelCodeSource } from "@/lib/parcels/code";
import { sendCopy } from "@/lib/parcels/pg-copy";
import { CopyRows } from "./copy-text";
import { dropSecondaryIndexes, rebuildIndexes } from "./indexes";
import { seededRandom } from "../seeded-random";
import { DAY_MS, DAYS, HOUR_MS, carrierShares } from "./mix";
import { ownedPayload, payloadPool, phoneOf } from "./payloads";
import { addParcel, tables, type Chain, type FillState, type Registration } from "./rows";
import { phaseCarriers } from "./world";

const CHUNK = 20_000;
const YIELD_EVERY = 1_000;
const SAMPLES = 8_000;
export const OWNED = 300;
export const RETENTION_DAYS = 30;
const PHONE_BASE = 10_000_000;

export type Keys = { PII_KEYS: string; AUTH_SECRET: string; PHONE_HASH_KEY?: string };
export type Samples = { strangers: string[]; references: string[]; owned: string[] };
export type PhaseFill = { rows: Map<string, number>; seconds: number; indexSeconds: number; samples: Samples };
type Phase = { index: number; parcels: number; phonesBefore: number; now: number; keys: Keys; ownerPhone: string };

async function copyChunk(sql: Sql, copies: { statement: string; data: Buffer }[]): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    for (const { statement, data } of copies) {
      await sendCopy(tx, statement, data);
      await tx`select 1`; // the COPY's verdict (see sendCopy)
    }
  });
}

function takeAll(out: Record<string, CopyRows>, rows: Map<string, number>) {
  return Object.values(out)
    .filter((table) => table.count > 0)
    .map((table) => {
      rows.set(table.table, (rows.get(table.table) ?? 0) + table.count);
      return { statement: table.statement, data: table.take() };
    });
}

async function startState(sql: Sql, phase: Phase): Promise<FillState> {
  const next = async (table: string) => {
    const [row] = await sql.unsafe<{ next: string }[]>(`select coalesce(max(id), 0) + 1 as next from ${table}`);
    return Number(row!.next);
  };
  const heads = await sql<{ carrierId: string; seq: string; hash: string }[]>`
    select carrier_id as "carrierId", seq, hash from audit_chain_heads`;
  const { keys } = phase;
  const random = seededRandom(phase.index + 1);
  const phones = Math.max(1, Math.floor(phase.parcels / 4)); // a person gets about four parcels a month
  const owner = phoneOf(keys, phase.ownerPhone);
  return {
    now: phase.now,
    // Each phase leaves one more hour of ended deliveries for the purge it measures (see scale.ts).
    purgedBefore: phase.now - RETENTION_DAYS * DAY_MS + (phase.index - 1) * HOUR_MS,
    retentionMs: RETENTION_DAYS * DAY_MS,
    carriers: await phaseCarriers(sql, phase.index, phase.parcels),
    shares: carrierShares(20),
    pool: payloadPool(keys),
    phone: (draw) => phoneOf(keys, `010${PHONE_BASE + phase.phonesBefore + Math.floor(draw() * phones)}`),
    owned:
      phase.index === 0
        ? { every: Math.floor(phase.parcels / OWNED), payload: ownedPayload(keys, phase.ownerPhone), ...owner }
        : null,
    newCode: parcelCodeSource(),
    ids: { event: await next("parcel_events"), disclosure: await next("disclosures"), message: await next("messages") },
    chains: new Map(heads.map((head): [string, Chain] => [head.carrierId, { seq: Number(head.seq), hash: head.hash }])),
    registrations: new Map(),
    random,
  };
}

async function finish(sql: Sql, state: FillState, rows: Map<string, number>): Promise<void> {
  const registrations = new CopyRows("registrations", "id carrier_id api_key_id parcel_count created_at");
  for (const r of state.registrations.values() as Iterable<Registration>) {
    registrations.add([r.id, r.carrierId, r.apiKeyId, r.count, new Date(r.at).toISOString()]);
  }
  await copyChunk(sql, takeAll({ registrations }, rows));
  for (const [carrierId, chain] of state.chains) {
    await sql`insert into audit_chain_heads (carrier_id, seq, hash) values (${carrierId}, ${chain.seq}, ${chain.hash})
      on conflict (carrier_id) do update set seq = excluded.seq, hash = excluded.hash`;
  }
  for (const [table, next] of [
    ["parcel_events", state.ids.event],
    ["disclosures", state.ids.disclosure],
    ["messages", state.ids.message],
  ] as const) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${next})`;
  }
}

/** Generates and copies one phase's rows; the indexes come off first and are built again at the end. */
export async function fillPhase(sql: Sql, phase: Phase): Promise<PhaseFill> {
  const started = performance.now();
  const state = await startState(sql, phase);
  const indexes = await dropSecondaryIndexes(sql);
  const rows = new Map<string, number>();
  const samples: Samples = { strangers: [], references: [], owned: [] };
  const stride = Math.max(1, Math.floor(phase.parcels / SAMPLES));
  const span = DAYS * DAY_MS;
  const first = phase.now - span;
  let out = tables();
  let copying = Promise.resolve();
  for (let i = 0; i < phase.parcels; i++) {
    const createdAt = first + Math.floor(((i + state.random()) / phase.parcels) * span);
    const reference = `ORD-${phase.index}-${i}`;
    const added = addParcel(state, out, createdAt, i, reference);
    if (added.owned) samples.owned.push(added.code);
    else if (i % stride === 0) samples.strangers.push(added.code);
    else if (added.carrierIndex === 0 && i % stride === 1) samples.references.push(reference);
    if ((i + 1) % CHUNK === 0) {
      await copying;
      copying = copyChunk(sql, takeAll(out, rows));
      out = tables();
    }
    if (i % YIELD_EVERY === 0) await nextTurn(); // lets the chunk being copied flow out meanwhile
  }
  await copying;
  await copyChunk(sql, takeAll(out, rows));
  await finish(sql, state, rows);
  const copied = performance.now();
  await rebuildIndexes(sql, indexes);
  for (const table of ["parcels", "parcel_events", "disclosures", "registrations", "messages", "reports"]) {
    await sql.unsafe(`vacuum (analyze) ${table}`);
  }
  return { rows, seconds: (copied - started) / 1000, indexSeconds: (performance.now() - copied) / 1000, samples };
}
