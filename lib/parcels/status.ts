/**
 * The parcel life cycle as a pure state machine (no I/O), shared by every
 * route that changes a status (admin form, REST API, courier outbox replay).
 *
 *   registered → picked_up → in_transit → out_for_delivery → delivered
 *                                              ↑      ↓
 *                                          failed_attempt (reason required)
 *
 *   returned: from picked_up, in_transit, out_for_delivery or failed_attempt.
 *
 * Judgement calls (kept strict on purpose; loosening later is easy, while
 * a loose table lets a wrong tap or a replayed outbox item rewrite history):
 * - No skipping: registered → in_transit is refused; the carrier scans the
 *   pick-up first. Every step is an event the recipient sees on the timeline.
 * - No going back except failed_attempt → out_for_delivery (the retry).
 *   A parcel that goes back to the hub after a failed attempt stays
 *   failed_attempt until it is sent out again.
 * - failed_attempt → delivered is refused: the retry is recorded as
 *   out_for_delivery first, so the timeline shows the second attempt.
 * - registered → returned is refused: a parcel nobody picked up is still with
 *   the sender; there is nothing to return (cancelling is another feature).
 * - No self-transitions (in_transit → in_transit): double taps and replays are
 *   absorbed by the Idempotency-Key, not by the state machine, so a refused
 *   repeat with a new key is a real client error worth reporting.
 * - delivered and returned are final.
 */
import { parcelStatus } from "@/db/schema";
import { allowedNext, FAILED_ATTEMPT_REASONS, NEXT, type FailedAttemptReason } from "./life-cycle";

export { allowedNext, FAILED_ATTEMPT_REASONS, type FailedAttemptReason };

export const PARCEL_STATUSES = parcelStatus.enumValues;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** Statuses that need a non-empty reason (shown to the recipient on the timeline). */
const REASON_REQUIRED: ReadonlySet<ParcelStatus> = new Set(["failed_attempt"]);

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: "invalid_transition"; allowed: ParcelStatus[]; message: string }
  | { ok: false; code: "reason_required"; message: string };

/** Narrows untrusted input (a request body, a query string) to a status. */
export function isParcelStatus(value: unknown): value is ParcelStatus {
  return typeof value === "string" && (PARCEL_STATUSES as readonly string[]).includes(value);
}

export function isFinal(status: ParcelStatus): boolean {
  return NEXT[status].length === 0;
}

/**
 * True while a delivery is under way. An assigned courier sees the full
 * address and phone only then; after delivered/returned the view is masked.
 */
export function isActiveDelivery(status: ParcelStatus): boolean {
  return !isFinal(status);
}

/**
 * Whether `from → to` may happen with this reason. The transition is checked
 * before the reason, so an impossible move is never answered "add a reason".
 */
export function checkTransition(from: ParcelStatus, to: ParcelStatus, reason?: string | null): TransitionCheck {
  const allowed = NEXT[from];
  if (!allowed.includes(to)) {
    const options = allowed.length ? `allowed next: ${allowed.join(", ")}` : `${from} is final`;
    return {
      ok: false,
      code: "invalid_transition",
      allowed: [...allowed],
      message: `A parcel cannot go from ${from} to ${to} (${options}).`,
    };
  }
  if (REASON_REQUIRED.has(to) && !reason?.trim()) {
    return { ok: false, code: "reason_required", message: `A reason is required for ${to}.` };
  }
  return { ok: true };
}
