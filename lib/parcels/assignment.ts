import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import type { RedisClient } from "@/lib/redis/client";
import { transaction } from "@/db/transaction";
import { parcels, users } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { fieldErrors } from "@/lib/validation/field-errors";
import { lockCarrierParcel, type LockedParcel } from "./lock-parcel";
import { newPin } from "./pin";
import { PROOF_REQUIREMENTS, type ProofRequirement } from "@/lib/core/proof-requirement";
import { effectiveProof, needsPin } from "./proof-requirement";
import { notifyAssignedOnCommit } from "@/lib/notifications/triggers";
import { forgetSnapshotOnCommit } from "./snapshot";
import { isFinal } from "./status";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

export type AssignmentDeps = { db: Database; redis: RedisClient; config: Pick<Env, "PII_KEYS"> };

export const assignmentSchema = z.strictObject({
  courierEmail: z.email({ error: "must be an email address" }).max(254).nullable(),
  proof: z.enum(PROOF_REQUIREMENTS, { error: `must be one of ${PROOF_REQUIREMENTS.join(", ")}` }).optional(),
});

/**
 * Writes the courier (and proof choice); a PIN is drawn the first time the parcel needs one. The
 * stranger's cached view is forgotten once the transaction commits.
 */
async function writeAssignment(
  tx: Transaction,
  deps: AssignmentDeps,
  parcel: LockedParcel,
  courierId: string | null,
  proof: ProofRequirement | undefined,
): Promise<ProofRequirement> {
  const effective = effectiveProof(proof ?? parcel.proof, parcel.carrierProof);
  const pin = needsPin(effective) && !parcel.pinCiphertext ? newPin(piiKeyRing(deps.config.PII_KEYS), parcel.id) : {};
  await tx
    .update(parcels)
    .set({ courierId, ...(proof ? { proofRequired: proof } : {}), ...pin, updatedAt: sql`now()` })
    .where(eq(parcels.id, parcel.id));
  forgetSnapshotOnCommit(tx, deps.redis, parcel.code);
  return effective;
}

const NOT_FOUND = () => storedError(404, "not_found", "No parcel has this code.");
const ENDED = () => storedError(409, "delivery_ended", "This delivery has ended; it can no longer be assigned.");

/**
 * Assigns a parcel of `carrierId` to one of that carrier's couriers by email, or unassigns it
 * (null). An email of another carrier's courier gets the same answer as an unknown one. Effective
 * at once: the cached view is forgotten, and full views re-check the row anyway.
 */
export async function assignParcel(
  deps: AssignmentDeps,
  carrierId: string,
  code: string,
  input: unknown,
): Promise<StoredResponse> {
  const parsed = assignmentSchema.safeParse(input);
  if (!parsed.success) {
    return storedError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(parsed.error) });
  }
  const { courierEmail, proof } = parsed.data;
  return transaction(deps.db, async (tx): Promise<StoredResponse> => {
    const parcel = await lockCarrierParcel(tx, carrierId, code);
    if (!parcel) return NOT_FOUND();
    if (isFinal(parcel.status)) return ENDED();
    let courierId: string | null = null;
    if (courierEmail !== null) {
      const [courier] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.email, courierEmail.toLowerCase()),
            eq(users.role, "courier"),
            eq(users.carrierId, carrierId),
            isNull(users.disabledAt),
          ),
        );
      if (!courier) {
        const fields = { courierEmail: ["is not an active courier of this carrier"] };
        return storedError(422, "unknown_courier", "No active courier of this carrier has this email.", { fields });
      }
      courierId = courier.id;
    }
    const effective = await writeAssignment(tx, deps, parcel, courierId, proof);
    if (courierId !== null && courierId !== parcel.courierId) notifyAssignedOnCommit(tx, courierId, [parcel.code]);
    return { status: 200, body: { code, courierEmail: courierEmail?.toLowerCase() ?? null, proof: effective } };
  });
}

/** A courier takes an unassigned parcel of their carrier by scanning it, when the carrier allows it. */
export async function claimParcel(
  deps: AssignmentDeps,
  courier: { userId: string; carrierId: string },
  code: string,
): Promise<StoredResponse> {
  return transaction(deps.db, async (tx): Promise<StoredResponse> => {
    const parcel = await lockCarrierParcel(tx, courier.carrierId, code);
    if (!parcel) return NOT_FOUND();
    if (!parcel.selfClaim)
      return storedError(403, "claim_disabled", "Your carrier does not let couriers claim parcels.");
    if (isFinal(parcel.status)) return ENDED();
    if (parcel.courierId === courier.userId) return { status: 200, body: { code, claimed: true } };
    if (parcel.courierId !== null)
      return storedError(409, "already_assigned", "This parcel is assigned to someone else.");
    await writeAssignment(tx, deps, parcel, courier.userId, undefined);
    return { status: 200, body: { code, claimed: true } };
  });
}
