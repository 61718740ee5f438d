import { param, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { NewParcel } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { parcelUrl } from "./code";
import { newParcelRow, type ParcelInput } from "./new-parcel";

export type RegisteredParcel = { code: string; url: string; status: "registered" };
export type Registrar = { carrierId: string; apiKeyId?: string | null; userId?: string | null };
type Config = Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY" | "PUBLIC_URL">;

/**
 * One array per column: a whole batch travels as 13 parameters, however many parcels it holds.
 * Booleans go as text: postgres.js would type a boolean array as a single boolean.
 */
const column = <T>(rows: NewParcel[], pick: (row: NewParcel) => T) => param(rows.map(pick));

/**
 * Inserts the parcels and their first `registered` events in one statement:
 * `unnest` turns the column arrays back into rows inside PostgreSQL, so 10,000
 * parcels cost one round trip and no per-row SQL building in Node (building a
 * multi-row VALUES list took longer than PostgreSQL took to run it).
 */
function insertStatement(rows: NewParcel[], registrar: Registrar, now: Date) {
  return sql`
    with inserted as (
      insert into parcels (id, code, carrier_id, recipient_phone_hash, masked_name, masked_phone, masked_address,
                           masked_postal_code, pii_key_id, pii_ciphertext, item_name, print_item_name, reference)
      select id, code, ${registrar.carrierId}::uuid, phone_hash, masked_name, masked_phone, masked_address,
             masked_postal_code, key_id, decode(ciphertext, 'base64'), item_name, print_item_name, reference
      from unnest(
        ${column(rows, (r) => r.id)}::uuid[], ${column(rows, (r) => r.code)}::text[],
        ${column(rows, (r) => r.recipientPhoneHash)}::text[], ${column(rows, (r) => r.maskedName)}::text[],
        ${column(rows, (r) => r.maskedPhone)}::text[], ${column(rows, (r) => r.maskedAddress)}::text[],
        ${column(rows, (r) => r.maskedPostalCode ?? null)}::text[], ${column(rows, (r) => r.piiKeyId)}::text[],
        ${column(rows, (r) => r.piiCiphertext!.toString("base64"))}::text[], ${column(rows, (r) => r.itemName ?? null)}::text[],
        ${column(rows, (r) => String(r.printItemName ?? false))}::boolean[], ${column(rows, (r) => r.reference ?? null)}::text[]
      ) as t(id, code, phone_hash, masked_name, masked_phone, masked_address, masked_postal_code, key_id, ciphertext,
             item_name, print_item_name, reference)
      returning id
    )
    insert into parcel_events (parcel_id, status, actor_api_key_id, actor_user_id, occurred_at)
    select id, 'registered', ${registrar.apiKeyId ?? null}::uuid, ${registrar.userId ?? null}::uuid, ${now.toISOString()}::timestamptz
    from inserted`;
}

// Rows are built (hashing, encryption, masking) for one chunk while PostgreSQL inserts the
// previous one, so the two cores work at once instead of taking turns.
const ROWS_PER_STATEMENT = 2_000;

/**
 * Registers parcels: every one or none (pass a transaction to make it part of a
 * larger one). Returns the codes in input order.
 */
export async function registerParcels(
  db: Pick<Database, "execute">,
  registrar: Registrar,
  inputs: ParcelInput[],
  config: Config,
): Promise<RegisteredParcel[]> {
  const now = new Date();
  const rows: NewParcel[] = [];
  let inFlight: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < inputs.length; start += ROWS_PER_STATEMENT) {
    const chunk = inputs
      .slice(start, start + ROWS_PER_STATEMENT)
      .map((input) => newParcelRow(registrar.carrierId, input, config));
    rows.push(...chunk);
    await inFlight; // one statement at a time on the transaction's connection
    inFlight = db.execute(insertStatement(chunk, registrar, now));
  }
  await inFlight;
  return rows.map((row) => ({ code: row.code, url: parcelUrl(config.PUBLIC_URL, row.code), status: "registered" }));
}
