import { is } from "drizzle-orm";
import { PostgresJsSession } from "drizzle-orm/postgres-js";
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
const COPY_PARCELS = `copy parcels (id, code, carrier_id, recipient_phone_hash, masked_name, masked_phone,
  masked_address, masked_postal_code, pii_key_id, pii_ciphertext, item_name, print_item_name, reference)
  from stdin (format binary)`;

/**
 * Builds the rows and encodes them for COPY, recording each code and id. sendCopy takes the
 * next chunk only once the last one is on its way, so reading `inputs` (which may validate
 * lazily), hashing, encrypting and masking run on one core while PostgreSQL inserts the
 * rows already sent on the other.
 */
function* parcelRows(
  inputs: Iterable<ParcelInput>,
  made: { codes: string[]; ids: string[] },
  carrierId: string,
  config: Config,
) {
  const out = new BinaryCopyWriter();
  const newCode = parcelCodeSource();
  for (const input of inputs) {
    const row = newParcelRow(carrierId, input, config, newCode());
    made.codes.push(row.code);
    made.ids.push(row.id);
    out
      .row(13)
      .uuid(row.id)
      .text(row.code)
      .uuid(carrierId)
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
    if (out.full) yield out.take();
  }
  yield out.end();
}

/**
 * The parcels' first events, `registered`, by whoever registered them. Also the verdict on
 * the COPY before it (see sendCopy). An INSERT, not a second COPY: postgres.js 3.4 ends a
 * COPY's stream with a stray CopyFail once PostgreSQL has accepted it, which a COPY right
 * behind it would take for its own; outside a COPY PostgreSQL ignores it.
 */
function insertEvents(sql: TransactionSql, ids: string[], registrar: Registrar, now: Date) {
  return sql`
    insert into parcel_events (parcel_id, status, actor_api_key_id, actor_user_id, occurred_at)
    select unnest(${ids}::uuid[]), 'registered', ${registrar.apiKeyId ?? null}::uuid,
           ${registrar.userId ?? null}::uuid, ${now.toISOString()}::timestamptz`;
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
  const made = { codes: [] as string[], ids: [] as string[] };
  await sendCopy(sql, COPY_PARCELS, parcelRows(inputs, made, registrar.carrierId, config));
  await insertEvents(sql, made.ids, registrar, new Date());
  // Our own fresh codes: no need to parse each one again as parcelUrl would.
  const prefix = parcelUrlPrefix(config.PUBLIC_URL);
  return made.codes.map((code) => ({ code, url: prefix + code, status: "registered" }));
}
