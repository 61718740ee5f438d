import { IDEMPOTENCY_KEY } from "@/lib/idempotency/idempotency";
import { apiError } from "./api-response";

/** The request's Idempotency-Key, required by every route that changes a parcel for an outbox to replay. */
export function requireIdempotencyKey(request: Request): { ok: true; key: string } | { ok: false; response: Response } {
  const key = request.headers.get("idempotency-key");
  if (key !== null && IDEMPOTENCY_KEY.test(key)) return { ok: true, key };
  const message = "Send an Idempotency-Key header (1-255 visible ASCII characters).";
  return { ok: false, response: apiError(400, "idempotency_key_required", message) };
}
