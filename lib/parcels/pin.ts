import "server-only";
import { randomInt, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { parcels } from "@/db/schema";
import type { PiiKeyRing } from "@/lib/core/pii-keys";
import { decryptPii, encryptPii } from "@/lib/privacy/pii-crypto";
import { PIN_MAX_FAILURES } from "./proof-requirement";

// Bound to the parcel, and apart from its recipient blob: a PIN copied onto another row fails.
const pinAad = (parcelId: string) => `${parcelId}:pin`;

/** A fresh 4-digit delivery PIN, encrypted for the parcel's row. */
export function newPin(ring: PiiKeyRing, parcelId: string): { pinKeyId: string; pinCiphertext: Buffer } {
  const pin = String(randomInt(0, 10_000)).padStart(4, "0");
  const { keyId, ciphertext } = encryptPii(ring, pin, pinAad(parcelId));
  return { pinKeyId: keyId, pinCiphertext: ciphertext };
}

export type PinRow = { id: string; pinKeyId: string | null; pinCiphertext: Buffer | null; pinFailures: number };

/** The PIN in clear, for the owning recipient's own view only. */
export function readPin(ring: PiiKeyRing, row: PinRow): string | null {
  if (!row.pinKeyId || !row.pinCiphertext) return null;
  return decryptPii(ring, row.pinKeyId, row.pinCiphertext, pinAad(row.id)).toString("utf8");
}

export type PinCheck = { ok: true } | { ok: false; locked: boolean; attemptsLeft: number };

/**
 * Compares a courier's PIN with the parcel's, inside the caller's transaction (the row is locked):
 * a wrong one is counted and the count commits even though the delivery is refused.
 */
export async function checkPin(tx: Transaction, ring: PiiKeyRing, row: PinRow, given: string): Promise<PinCheck> {
  if (row.pinFailures >= PIN_MAX_FAILURES) return { ok: false, locked: true, attemptsLeft: 0 };
  const expected = readPin(ring, row);
  if (expected !== null && timingSafeEqual(Buffer.from(expected), Buffer.from(given.padEnd(4).slice(0, 4)))) {
    return { ok: true };
  }
  const [updated] = await tx
    .update(parcels)
    .set({ pinFailures: sql`${parcels.pinFailures} + 1` })
    .where(eq(parcels.id, row.id))
    .returning({ failures: parcels.pinFailures });
  const failures = updated?.failures ?? PIN_MAX_FAILURES;
  return { ok: false, locked: failures >= PIN_MAX_FAILURES, attemptsLeft: Math.max(0, PIN_MAX_FAILURES - failures) };
}
