import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { newPin } from "./pin";
import type { ProofRequirement } from "@/lib/core/proof-requirement";
import { effectiveProof, needsPin } from "./proof-requirement";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

/** One parcel (by code) for one courier of the same carrier. */
export type CodeAssignment = { code: string; courierId: string };

// Codes are Crockford base32 and ids uuids or hex: safe inside an array literal as they are.
const arrayLiteral = (values: readonly string[]) => `{${values.join(",")}}`;
const SAFE = /^[0-9A-Za-z-]+$/;

/**
 * Assigns many parcels of `carrierId` in the caller's transaction, in two statements whatever
 * their number (a selection in the console, a batch's postal-code rules), and draws a delivery
 * PIN for each one that now needs one, as a one-by-one assignment does (assignment.ts). Parcels
 * of another carrier, unknown codes and ended deliveries are left alone; `onlyUnassigned` also
 * leaves parcels that have a courier. The couriers must already be checked as the carrier's
 * active couriers. Returns the codes that were assigned.
 */
export async function assignCodes(
  tx: Transaction,
  config: Pick<Env, "PII_KEYS">,
  carrierId: string,
  assignments: readonly CodeAssignment[],
  options: { onlyUnassigned: boolean },
): Promise<string[]> {
  if (assignments.length === 0) return [];
  const codes = assignments.map((a) => a.code);
  const couriers = assignments.map((a) => a.courierId);
  if (![...codes, ...couriers].every((value) => SAFE.test(value))) throw new Error("not a parcel code or user id");
  const rows = await tx.execute<{
    id: string;
    code: string;
    proof: ProofRequirement | null;
    carrier_proof: ProofRequirement;
    has_pin: boolean;
  }>(sql`
    update parcels p set courier_id = m.courier_id, updated_at = now()
    from unnest(${arrayLiteral(codes)}::text[], ${arrayLiteral(couriers)}::uuid[]) as m(code, courier_id),
      carriers c
    where p.code = m.code collate "C" and p.carrier_id = ${carrierId} and c.id = p.carrier_id
      and p.status not in ('delivered', 'returned')
      ${options.onlyUnassigned ? sql`and p.courier_id is null` : sql``}
    returning p.id, p.code, p.proof_required as proof, c.proof_default as carrier_proof,
      p.pin_ciphertext is not null as has_pin`);
  await drawPins(
    tx,
    config,
    rows.filter((row) => !row.has_pin && needsPin(effectiveProof(row.proof, row.carrier_proof))).map((row) => row.id),
  );
  return rows.map((row) => row.code);
}

/** A fresh delivery PIN for each of these parcels (ids), in one UPDATE per key id (always one). */
export async function drawPins(tx: Transaction, config: Pick<Env, "PII_KEYS">, parcelIds: readonly string[]) {
  const pins = parcelIds.map((id) => ({ id, ...newPin(piiKeyRing(config.PII_KEYS), id) }));
  const byKey = new Map<string, typeof pins>();
  for (const pin of pins) {
    const group = byKey.get(pin.pinKeyId);
    if (group) group.push(pin);
    else byKey.set(pin.pinKeyId, [pin]);
  }
  // The key id is a parameter of its own, so no configured id ever goes into an array literal.
  for (const [keyId, group] of byKey) {
    const ids = arrayLiteral(group.map((pin) => pin.id));
    const hex = arrayLiteral(group.map((pin) => pin.pinCiphertext.toString("hex")));
    await tx.execute(sql`
      update parcels p set pin_key_id = ${keyId}, pin_ciphertext = decode(m.pin, 'hex')
      from unnest(${ids}::uuid[], ${hex}::text[]) as m(id, pin)
      where p.id = m.id`);
  }
}
