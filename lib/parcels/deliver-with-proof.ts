import "server-only";
import type { Transaction } from "@/db/client";
import type { Env } from "@/lib/config/env";
import type { RedisClient } from "@/lib/redis/client";
import { storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { lockCarrierParcel } from "./lock-parcel";
import { checkPin } from "./pin";
import { effectiveProof, needsPhoto, needsPin, PIN_MAX_FAILURES } from "./proof-requirement";
import type { ReencodedPhoto } from "./proof-photo";
import { databaseProofStore } from "./proof-store";
import { recordStatusEvent } from "./record-event";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

/** The photo is one the server decoded and drew again: bytes that do not decode never stand in as proof. */
export type ProofInput = { photo: ReencodedPhoto | null; pin: string | null; at?: string; place?: string };
type Courier = { userId: string; carrierId: string };

/**
 * "Delivered" with its proof, in one transaction: the PIN is checked (a wrong one is counted
 * and that count commits), the photo stored encrypted, the event recorded. Five wrong PINs lock
 * the PIN; a photo then stands in for it.
 */
export async function deliverWithProof(
  tx: Transaction,
  { config, redis }: { config: Pick<Env, "PII_KEYS">; redis: RedisClient },
  courier: Courier,
  code: string,
  input: ProofInput,
): Promise<StoredResponse> {
  const row = await lockCarrierParcel(tx, courier.carrierId, code);
  if (!row) return storedError(404, "not_found", "No parcel has this code.");
  if (row.courierId !== courier.userId) {
    return storedError(409, "not_assigned", "This parcel is not assigned to you (it was reassigned or unassigned).");
  }
  const proof = effectiveProof(row.proof, row.carrierProof);
  let pinOk = false;
  let locked = row.pinFailures >= PIN_MAX_FAILURES;
  if (input.pin !== null && !locked) {
    if (!row.pinCiphertext) return storedError(400, "invalid_input", "This parcel has no delivery PIN.", pinField);
    const check = await checkPin(tx, piiKeyRing(config.PII_KEYS), row, input.pin);
    if (!check.ok && !check.locked) {
      return storedError(422, "pin_wrong", "The PIN is wrong.", { attemptsLeft: check.attemptsLeft, ...pinField });
    }
    pinOk = check.ok;
    locked = !check.ok;
  }
  if (needsPin(proof) && !pinOk) {
    if (!locked) return storedError(400, "proof_missing", "Enter the recipient's PIN.", pinField);
    if (!input.photo) return pinLocked();
  }
  if (needsPhoto(proof) && !input.photo) {
    return storedError(400, "proof_missing", "Take a photo of the delivered parcel.", {
      fields: { photo: ["is required"] },
    });
  }
  const event = { status: "delivered", at: input.at, place: input.place };
  const recorded = await recordStatusEvent(tx, redis, { kind: "courier", ...courier }, code, event, {
    proofGiven: true,
  });
  if (recorded.status !== 201) return recorded;
  if (input.photo) await databaseProofStore(piiKeyRing(config.PII_KEYS)).put(tx, row.id, input.photo, courier.userId);
  const body = recorded.body as Record<string, unknown>;
  return { status: 201, body: { ...body, proof: { photo: Boolean(input.photo), pin: pinOk } } };
}

const pinField = { fields: { pin: ["is required"] } };
const pinLocked = () =>
  storedError(423, "pin_locked", "Five wrong PINs locked it: take a photo instead, or ask an admin.", pinField);
