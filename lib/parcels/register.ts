import { is } from "drizzle-orm";
import { PostgresJsSession } from "drizzle-orm/postgres-js";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Sql, TransactionSql } from "postgres";
import type { Database, Transaction } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { parcelCodeSource, parcelUrlPrefix } from "./code";
import { newParcelRow, type ParcelInput } from "./new-parcel";
import { BinaryCopyWriter, sendCopy } from "./pg-copy";

export type RegisteredParcel = { code: string; url: string; status: "registered" };
export type Registrar = { carrierId: string; apiKeyId?: string | null; userId?: string | null };
type Config = Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY" | "PUBLIC_URL">;

/**
 * COPY rather than INSERT … SELECT FROM unnest(…): the rows go over in binary, so PostgreSQL
 * neither parses text arrays nor decodes uuids and ciphertexts from text, and Node builds
 * no array literals. The column order is the order of the BinaryCopyWriter calls below.
 */
const COPY_PARCELS = `copy parcels (id, code, carrier_id, registration_id, recipient_phone_hash, masked_name,
  masked_phone, masked_address, masked_postal_code, pii_key_id, pii_ciphertext, item_name, print_item_name, reference)
  from stdin (format binary)`;

/**
 * Rows go to PostgreSQL in chunks, each a COPY and a count of it on the registration, while
 * Node builds the next chunk (validating when `inputs` validates lazily, hashing, encrypting,
 * masking): PostgreSQL's work on a chunk (rows, indexes, foreign-key checks) then overlaps
 * Node's, where one COPY for the whole batch would leave the foreign-key checks for after
 * the last row. The first chunk is small so PostgreSQL starts early. (Each
 * chunk ends with short messages right behind long ones: see db/client.ts on TCP_NODELAY.)
 */
const FIRST_CHUNK_ROWS = 250;
const CHUNK_ROWS = 1_000;
/**
 * Rows between two turns of the event loop while a chunk is built. The last chunk's COPY moves
 * on only in those turns (its data flushed, CopyDone sent, then its events INSERT), and
 * PostgreSQL waits meanwhile: every 100 rows (~2.5 ms) left it idle ~8% longer than every 10.
 */
const ROWS_PER_TURN = 10;

type Chunk = { copy: Buffer; rows: number; codes: string[] };
type Target = { carrierId: string; registrationId: string };

/** Up to `rows` more parcels of `inputs` as COPY data, or null when none are left. */
async function nextChunk(
  inputs: Iterator<ParcelInput>,
  rows: number,
  newCode: () => string,
  { carrierId, registrationId }: Target,
  config: Config,
): Promise<Chunk | null> {
  const out = new BinaryCopyWriter(rows * 600); // a parcel takes ~500 bytes
  const codes: string[] = [];
  for (let next = inputs.next(); !next.done; next = inputs.next()) {
    const row = newParcelRow(carrierId, next.value, config, newCode());
    codes.push(row.code);
    out
      .row(14)
      .uuid(row.id)
      .text(row.code)
      .uuid(carrierId)
      .uuid(registrationId)
      .text(row.recipientPhoneHash)
      .text(row.maskedName)
      .text(row.maskedPhone)
      .text(row.maskedAddress)
      .text(row.maskedPostalCode)
      .text(row.piiKeyId)
      .bytea(row.piiCiphertext)
      .text(row.itemName)
      .bool(row.printItemName)
      .text(row.reference);
    if (codes.length === rows) break;
    if (codes.length % ROWS_PER_TURN === 0) await nextTurn();
  }
  return codes.length > 0 ? { copy: out.end(), rows: codes.length, codes } : null;
}

/** The registration the parcels will point to, counting none yet. */
async function insertRegistration(sql: TransactionSql, registrar: Registrar): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into registrations (carrier_id, api_key_id, user_id)
    values (${registrar.carrierId}, ${registrar.apiKeyId ?? null}, ${registrar.userId ?? null})
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
  const pending = inputs[Symbol.iterator]();
  const newCode = parcelCodeSource();
  const target = { carrierId: registrar.carrierId, registrationId: await insertRegistration(sql, registrar) };
  const next = (rows: number) => nextChunk(pending, rows, newCode, target, config);
  const codes: string[] = [];
  // A chunk's COPY and count, running while the next chunk is built. Awaited before the
  // next COPY: one statement at a time on a connection, and no COPY right behind a COPY.
  let inserting: Promise<unknown> = Promise.resolve();
  for (let chunk = await next(FIRST_CHUNK_ROWS); chunk !== null; chunk = await next(CHUNK_ROWS)) {
    await inserting;
    const { copy, rows } = chunk;
    inserting = sendCopy(sql, COPY_PARCELS, copy).then(() => countRegistered(sql, target.registrationId, rows));
    // Its failure is thrown by the await above once the next chunk is built (or not at all when
    // building throws first: the transaction fails either way); until then it is not unhandled.
    inserting.catch(() => {});
    codes.push(...chunk.codes);
  }
  await inserting;
  // Our own fresh codes: no need to parse each one again as parcelUrl would.
  const prefix = parcelUrlPrefix(config.PUBLIC_URL);
  return codes.map((code) => ({ code, url: prefix + code, status: "registered" }));
}
