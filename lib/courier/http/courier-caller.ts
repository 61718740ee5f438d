import { apiError, apiJson } from "@/lib/http/api-response";
import type { StoredResponse } from "@/lib/idempotency/idempotency";
import { requireCaller, type CallerCheck } from "@/lib/parcels/http/caller";
import type { Courier } from "../parcels";

/** Courier routes take a courier's session and nothing else: an API key acts for a carrier, not a person. */
export async function requireCourier(request: Request): Promise<CallerCheck<Courier>> {
  const auth = await requireCaller(request, ["courier"]);
  if (!auth.ok) return auth;
  if (auth.caller.kind === "api_key") {
    return { ok: false, response: apiError(403, "forbidden", "Only a courier's session may do this.") };
  }
  const { userId, carrierId } = auth.caller.user;
  return { ok: true, caller: { kind: "courier", userId, carrierId } };
}

export function storedResponse(result: StoredResponse, headers: Record<string, string> = {}): Response {
  return apiJson(result.body, result.status, headers);
}
