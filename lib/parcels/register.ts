import { is } from "drizzle-orm";
import { PostgresJsSession } from "drizzle-orm/postgres-js";
import { availableParallelism } from "node:os";
import type { Sql, TransactionSql } from "postgres";
import type { Database, Transaction } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { activeRules } from "@/lib/postal-rules/active-rules";
import { applyPostalRules, notingPostalCodes } from "./postal-assignment";
import { parcelUrlPrefix } from "./code";
import type { ParcelInput } from "./new-parcel";
import { buildChunk, COPY_PARCELS, type BuiltChunk } from "./parcel-chunk";
import { sendCopy } from "./pg-copy";
import { buildChunkInWorker } from "./row-pool";

export type RegisteredParcel = { code: string; url: string; status: "registered" };
export type Registrar = {
  carrierId: string;
  apiKeyId?: string | null;
  userId?: string | null;
  /** The CSV import (lib/imports/) that registers these parcels, if any. */
  importId?: string | null;
};
type Config = Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY" | "PUBLIC_URL">;

/**
 * Rows go to PostgreSQL in chunks, each a COPY and a count of it on the registration, while
 * worker threads build the next chunks (hashing, encrypting, masking: row-pool.ts) and this
 * thread only validates (when `inputs` validates lazily) and sends. PostgreSQL's work on a
 * chunk (rows, indexes, foreign-key checks) then overlaps the building of the next ones,
 * where one COPY for the whole batch would leave the foreign-key checks for after the last
 * row. The first chunk is small so PostgreSQL starts early. (Each chunk ends with short
 * messages right behind long ones: see db/client.ts on TCP_NODELAY.)
 */
const FIRST_CHUNK_ROWS = 250;
const CHUNK_ROWS = 1_000;
// One chunk per worker being built, and one ready for when PostgreSQL is done with the current.
const CHUNKS_AHEAD = availableParallelism() + 1;
const WORKER_MIN_ROWS = 50;

/** Up to `rows` more inputs (validated as they are read, when `inputs` validates lazily). */
function take(inputs: Iterator<ParcelInput>, rows: number): ParcelInput[] {
  const taken: ParcelInput[] = [];
  for (let next = inputs.next(); !next.done; next = inputs.next()) {
    taken.push(next.value);
    if (taken.length === rows) break;
  }
  return taken;
}

/** The registration the parcels will point to, counting none yet. */
async function insertRegistration(sql: TransactionSql, registrar: Registrar): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into registrations (carrier_id, api_key_id, user_id, import_id)
    values (${registrar.carrierId}, ${registrar.apiKeyId ?? null}, ${registrar.userId ?? null}, ${registrar.importId ?? null})
    returning id`;
  return row!.id;
}

/**
 * Counts a chunk's parcels on their registration. Also the verdict on the COPY before it (see
 * sendCopy). An UPDATE, not a second COPY: postgres.js 3.4 ends a COPY's stream with a stray
 * CopyFail once PostgreSQL has accepted it, which a COPY right behind it would take for its
 * own; outside a COPY PostgreSQL ignores it, and once this UPDATE has answered, that message
 * has been sent.
 */
function countRegistered(sql: TransactionSql, registrationId: string, rows: number) {
  return sql`update registrations set parcel_count = parcel_count + ${rows} where id = ${registrationId}`;
}

const isTransactionSql = (client: Sql | TransactionSql): client is TransactionSql => "savepoint" in client;

/**
 * The postgres.js connection under a drizzle transaction: drizzle itself cannot send a COPY.
 * drizzle's is() rather than instanceof, which fails when two copies of drizzle are loaded.
 */
function connectionOf(tx: Transaction): TransactionSql {
  const session = tx._.session;
  if (is(session, PostgresJsSession) && isTransactionSql(session.client)) return session.client;
  throw new Error("registerParcels needs a transaction of the postgres.js driver");
}

/**
 * Registers parcels: every one or none (pass a transaction to make it part of a larger
 * one; when reading `inputs` throws, nothing is registered). Returns the codes in input order.
 */
export async function registerParcels(
  db: Database | Transaction,
  registrar: Registrar,
  inputs: Iterable<ParcelInput>,
  config: Config,
): Promise<RegisteredParcel[]> {
  return "rollback" in db // only a transaction can roll back
    ? registerInTransaction(db, registrar, inputs, config)
    : db.transaction((tx) => registerInTransaction(tx, registrar, inputs, config));
}

async function registerInTransaction(
  tx: Transaction,
  registrar: Registrar,
  inputs: Iterable<ParcelInput>,
  config: Config,
): Promise<RegisteredParcel[]> {
  const sql = connectionOf(tx);
  // The carrier's postal-code rules assign the new parcels once they are in (applyPostalRules).
  // Both queries are sent at once: postgres.js pipelines them on the transaction's connection.
  const [rules, registrationId] = await Promise.all([
    activeRules(tx, registrar.carrierId),
    insertRegistration(sql, registrar),
  ]);
  const postalCodes: (string | undefined)[] = [];
  const pending = (rules.length > 0 ? notingPostalCodes(inputs, postalCodes) : inputs)[Symbol.iterator]();
  const target = { carrierId: registrar.carrierId, registrationId };
  // Only what building rows needs crosses to the workers, not the whole configuration.
  const rowConfig = {
    PII_KEYS: config.PII_KEYS,
    AUTH_SECRET: config.AUTH_SECRET,
    PHONE_HASH_KEY: config.PHONE_HASH_KEY,
  };
  const building: Promise<BuiltChunk>[] = [];
  let rows = FIRST_CHUNK_ROWS;
  const buildAhead = () => {
    while (building.length < CHUNKS_AHEAD) {
      const chunk = take(pending, rows);
      if (chunk.length === 0) return;
      rows = CHUNK_ROWS;
      // A handful of rows (one parcel, the admin form) is built here: handing it to a worker
      // would cost more than building it, and the first use would start the workers.
      const built =
        chunk.length < WORKER_MIN_ROWS
          ? Promise.resolve().then(() => buildChunk(chunk, target, rowConfig))
          : buildChunkInWorker(chunk, target, rowConfig);
      // Its failure is thrown where it is awaited, in order (or not at all when an earlier
      // chunk fails first: the transaction fails either way); until then it is not unhandled.
      built.catch(() => {});
      building.push(built);
    }
  };
  const codes: string[] = [];
  buildAhead();
  for (let next = building.shift(); next !== undefined; next = building.shift()) {
    const { copy, codes: built } = await next;
    buildAhead(); // the workers build on while PostgreSQL takes this chunk
    await sendCopy(sql, COPY_PARCELS, Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength));
    await countRegistered(sql, target.registrationId, built.length);
    codes.push(...built);
  }
  if (rules.length > 0) await applyPostalRules(tx, config, registrar.carrierId, rules, codes, postalCodes);
  // Our own fresh codes: no need to parse each one again as parcelUrl would.
  const prefix = parcelUrlPrefix(config.PUBLIC_URL);
  return codes.map((code) => ({ code, url: prefix + code, status: "registered" }));
}
