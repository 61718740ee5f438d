import type { Env } from "@/lib/config/env";
import { parcelCodeSource } from "./code";
import { newParcelRow, type ParcelInput } from "./new-parcel";
import { BinaryCopyWriter, uuidBytes } from "./pg-copy";

/**
 * COPY rather than INSERT … SELECT FROM unnest(…): the rows go over in binary, so PostgreSQL
 * neither parses text arrays nor decodes uuids and ciphertexts from text, and Node builds
 * no array literals. Its column list and the BinaryCopyWriter calls in buildChunk must match.
 */
export const COPY_PARCELS = `copy parcels (id, code, carrier_id, registration_id, recipient_phone_hash, masked_name,
  masked_phone, masked_address, masked_postal_code, pii_key_id, pii_ciphertext, item_name, print_item_name, reference)
  from stdin (format binary)`;

export type RowConfig = Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY">;
/** Where a chunk's parcels go: their carrier and the registration they belong to. */
export type ChunkTarget = { carrierId: string; registrationId: string };
/** A chunk of parcels as COPY_PARCELS data, and their codes in order. */
export type BuiltChunk = { copy: Uint8Array; codes: string[] };

/**
 * Turns validated inputs into rows (a fresh code each, the phone's ownership hash, the
 * personal data encrypted, the masked forms) and those into binary COPY data. Pure CPU and
 * no I/O, so it runs in the worker threads of row-pool.ts.
 */
export function buildChunk(inputs: ParcelInput[], { carrierId, registrationId }: ChunkTarget, config: RowConfig) {
  const newCode = parcelCodeSource();
  const carrier = uuidBytes(carrierId);
  const registration = uuidBytes(registrationId);
  const out = new BinaryCopyWriter(inputs.length * 600); // a parcel takes ~500 bytes
  const codes: string[] = [];
  for (const input of inputs) {
    const row = newParcelRow(carrierId, input, config, newCode());
    codes.push(row.code);
    out
      .row(14)
      .uuid(row.id)
      .text(row.code)
      .uuid(carrier)
      .uuid(registration)
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
  }
  return { copy: out.end(), codes } satisfies BuiltChunk;
}
