import type { StoredResponse } from "@/lib/idempotency/idempotency";
import { apiJson } from "./api-response";

/** A feature's answer as JSON; a replayed Idempotency-Key says so, as the answer is the first one again. */
export function storedJson(result: StoredResponse & { replayed?: boolean }): Response {
  return apiJson(result.body, result.status, result.replayed ? { "Idempotent-Replayed": "true" } : {});
}
