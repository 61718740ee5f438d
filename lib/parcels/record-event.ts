import { and, desc, eq, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { freeText } from "@/lib/validation/free-text";
import type { Transaction } from "@/db/client";
import type { RedisClient } from "@/lib/redis/client";
import { parcelEvents, parcels } from "@/db/schema";
import { storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { notifyStatusOnCommit } from "@/lib/notifications/triggers";
import { fieldErrors } from "@/lib/validation/field-errors";
import { queueStatusWebhooks } from "@/lib/webhooks/outbox";
import { lockCarrierParcel } from "./lock-parcel";
import { effectiveProof } from "./proof-requirement";
import { forgetSnapshotOnCommit } from "./snapshot";
import { checkTransition, FAILED_ATTEMPT_REASONS, isFinal, PARCEL_STATUSES, type ParcelStatus } from "./status";

/** Who changes a status: a carrier's API key (any of its parcels) or the courier assigned to the parcel. */
export type StatusActor =
  { kind: "api_key"; apiKeyId: string; carrierId: string } | { kind: "courier"; userId: string; carrierId: string };

// A tap's own time is kept (offline queues upload late), within reason: not in the
// future beyond clock skew, not older than a week, not before the parcel was registered
// (again within clock skew: a courier's phone may run a little behind the server).
const MAX_SKEW_MS = 5 * 60_000;
const MAX_AGE_MS = 7 * 86_400_000;

export const statusEventSchema = z
  .strictObject({
    status: z.enum(PARCEL_STATUSES, { error: `must be one of ${PARCEL_STATUSES.join(", ")}` }),
    // A code, so the recipient reads it in their own language; "other" is explained in `note`.
    reason: z.enum(FAILED_ATTEMPT_REASONS, { error: `must be one of ${FAILED_ATTEMPT_REASONS.join(", ")}` }).optional(),
    note: freeText(200).optional(),
    place: freeText(100).optional(),
    at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time with a time zone" }).optional(),
  })
  .refine((event) => event.reason !== "other" || event.note, { path: ["note"], error: "is required for other" });

function occurredAt(at: string | undefined, now: Date): Date | null {
  if (!at) return now;
  const time = new Date(at);
  const offset = time.getTime() - now.getTime();
  return offset > MAX_SKEW_MS || -offset > MAX_AGE_MS ? null : time;
}

const invalidAt = (problem: string) =>
  storedError(400, "invalid_input", "Some fields are not valid.", { fields: { at: [problem] } });

/** The status a parcel had at `at`: its latest applied event up to then, or registered. */
async function statusAt(tx: Transaction, parcelId: string, at: Date): Promise<ParcelStatus> {
  const [row] = await tx
    .select({ status: parcelEvents.status })
    .from(parcelEvents)
    .where(and(eq(parcelEvents.parcelId, parcelId), eq(parcelEvents.applied, true), lte(parcelEvents.occurredAt, at)))
    .orderBy(desc(parcelEvents.occurredAt), desc(parcelEvents.id))
    .limit(1);
  return row?.status ?? "registered";
}

async function latestEventAt(tx: Transaction, parcelId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ at: parcelEvents.occurredAt })
    .from(parcelEvents)
    .where(eq(parcelEvents.parcelId, parcelId))
    .orderBy(desc(parcelEvents.occurredAt))
    .limit(1);
  return row?.at ?? null;
}

export type EventOptions = { now?: Date; proofGiven?: boolean };

/**
 * Validates and applies one status change inside the caller's transaction (so
 * an Idempotency-Key covers it). Locks the parcel row, so two concurrent changes
 * are serialised and the second is judged against the first's result.
 * An event whose device time is older than the parcel's latest is judged against the
 * status the parcel had then, recorded in the timeline, and does not move the status
 * (an offline outbox uploads late; the later event already decided where the parcel is).
 * Returns the response to send; a status that moves forgets the cached view once committed, and
 * tells the carrier's webhooks (their deliveries are written in this transaction).
 */
export async function recordStatusEvent(
  tx: Transaction,
  redis: RedisClient,
  actor: StatusActor,
  code: string,
  input: unknown,
  { now = new Date(), proofGiven = false }: EventOptions = {},
): Promise<StoredResponse> {
  const parsed = statusEventSchema.safeParse(input);
  if (!parsed.success) {
    return storedError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(parsed.error) });
  }
  let at = occurredAt(parsed.data.at, now);
  if (!at) return invalidAt("is too far from now");
  const parcel = await lockCarrierParcel(tx, actor.carrierId, code);
  // Another carrier's parcel looks exactly like no parcel.
  if (!parcel) return storedError(404, "not_found", "No parcel has this code.");
  // Within the carrier, a courier's outbox must learn that the parcel went to someone else.
  if (actor.kind === "courier" && parcel.courierId !== actor.userId) {
    return storedError(409, "not_assigned", "This parcel is not assigned to you (it was reassigned or unassigned).");
  }
  // A courier's part ends with the delivery: whatever a device still uploads after it (a tap
  // back-dated to a status the parcel once had) would rewrite the recipient's timeline.
  if (actor.kind === "courier" && isFinal(parcel.status)) {
    return storedError(409, "parcel_final", "This parcel was already delivered or returned; it takes no more events.");
  }
  if (at.getTime() < parcel.registeredAt.getTime() - MAX_SKEW_MS)
    return invalidAt("is before the parcel was registered");
  const { status, reason, note, place } = parsed.data;
  const latest = await latestEventAt(tx, parcel.id);
  // Only a device's time can be late. A change without one happens now: after any change this one
  // waited for on the parcel's lock, even if that one's clock read was a moment later than ours.
  const deviceTime = parsed.data.at !== undefined;
  const late = deviceTime && latest !== null && at < latest;
  if (!deviceTime && latest !== null && at < latest) at = latest;
  const check = checkTransition(late ? await statusAt(tx, parcel.id, at) : parcel.status, status, reason);
  if (!check.ok) {
    const allowed = check.code === "invalid_transition" ? { allowed: check.allowed } : {};
    return storedError(check.code === "reason_required" ? 400 : 409, check.code, check.message, allowed);
  }
  if (status === "delivered" && !late && !proofGiven && effectiveProof(parcel.proof, parcel.carrierProof) !== "none") {
    const message = "This delivery needs proof: send it to /api/v1/parcels/{code}/proof.";
    return storedError(409, "proof_required", message, { proof: effectiveProof(parcel.proof, parcel.carrierProof) });
  }
  await tx.insert(parcelEvents).values({
    parcelId: parcel.id,
    status,
    reason: reason ?? null,
    note: note ?? null,
    place: place ?? null,
    actorApiKeyId: actor.kind === "api_key" ? actor.apiKeyId : null,
    actorUserId: actor.kind === "courier" ? actor.userId : null,
    occurredAt: at,
    applied: !late,
  });
  if (late)
    return { status: 201, body: { code, status: parcel.status, event: status, applied: false, at: at.toISOString() } };
  await tx
    .update(parcels)
    .set({ status, updatedAt: sql`now()`, ...(status === "delivered" ? { deliveredAt: at } : {}) })
    .where(eq(parcels.id, parcel.id));
  forgetSnapshotOnCommit(tx, redis, code);
  notifyStatusOnCommit(tx, parcel, status);
  await queueStatusWebhooks(tx, { carrierId: actor.carrierId, code, reference: parcel.reference, status, at });
  return { status: 201, body: { code, status, event: status, applied: true, at: at.toISOString() } };
}
