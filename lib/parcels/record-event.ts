import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { freeText } from "@/lib/validation/free-text";
import type { Transaction } from "@/db/client";
import { parcelEvents, parcels } from "@/db/schema";
import { storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { fieldErrors } from "@/lib/validation/field-errors";
import { checkTransition, PARCEL_STATUSES } from "./status";

/** Who changes a status: a carrier's API key (any of its parcels) or the courier assigned to the parcel. */
export type StatusActor =
  { kind: "api_key"; apiKeyId: string; carrierId: string } | { kind: "courier"; userId: string; carrierId: string };

// A tap's own time is kept (offline queues upload late), within reason: not in the
// future beyond clock skew, not older than a week.
const MAX_SKEW_MS = 5 * 60_000;
const MAX_AGE_MS = 7 * 86_400_000;

export const statusEventSchema = z.strictObject({
  status: z.enum(PARCEL_STATUSES, { error: `must be one of ${PARCEL_STATUSES.join(", ")}` }),
  reason: freeText(200).optional(),
  place: freeText(100).optional(),
  at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time with a time zone" }).optional(),
});

function occurredAt(at: string | undefined, now: Date): Date | null {
  if (!at) return now;
  const time = new Date(at);
  const offset = time.getTime() - now.getTime();
  return offset > MAX_SKEW_MS || -offset > MAX_AGE_MS ? null : time;
}

/**
 * Validates and applies one status change inside the caller's transaction (so
 * an Idempotency-Key covers it). Locks the parcel row, so two concurrent changes
 * are serialised and the second is judged against the first's result.
 * Returns the response to send; the caller forgets the cached view once committed.
 */
export async function recordStatusEvent(
  tx: Transaction,
  actor: StatusActor,
  code: string,
  input: unknown,
  now: Date = new Date(),
): Promise<StoredResponse> {
  const parsed = statusEventSchema.safeParse(input);
  if (!parsed.success) {
    return storedError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(parsed.error) });
  }
  const at = occurredAt(parsed.data.at, now);
  if (!at)
    return storedError(400, "invalid_input", "Some fields are not valid.", { fields: { at: ["is too far from now"] } });
  const [parcel] = await tx
    .select({ id: parcels.id, status: parcels.status, courierId: parcels.courierId })
    .from(parcels)
    .where(and(eq(parcels.code, code), eq(parcels.carrierId, actor.carrierId)))
    .for("update");
  // Another carrier's parcel, or a courier not assigned to it, looks exactly like no parcel.
  if (!parcel || (actor.kind === "courier" && parcel.courierId !== actor.userId)) {
    return storedError(404, "not_found", "No parcel has this code.");
  }
  const { status, reason, place } = parsed.data;
  const check = checkTransition(parcel.status, status, reason);
  if (!check.ok) {
    const allowed = check.code === "invalid_transition" ? { allowed: check.allowed } : {};
    return storedError(check.code === "reason_required" ? 400 : 409, check.code, check.message, allowed);
  }
  await tx.insert(parcelEvents).values({
    parcelId: parcel.id,
    status,
    reason: reason ?? null,
    place: place ?? null,
    actorApiKeyId: actor.kind === "api_key" ? actor.apiKeyId : null,
    actorUserId: actor.kind === "courier" ? actor.userId : null,
    occurredAt: at,
  });
  await tx
    .update(parcels)
    .set({ status, updatedAt: sql`now()`, ...(status === "delivered" ? { deliveredAt: at } : {}) })
    .where(eq(parcels.id, parcel.id));
  return { status: 201, body: { code, status, at: at.toISOString() } };
}
