import { apiError, apiJson, rateLimited } from "./api-response";
import type { LookupOutcome } from "@/lib/parcels/resolve";

/** Unknown, malformed and reissued codes all get this one answer. */
export function notFound(): Response {
  return apiError(404, "not_found", "No parcel has this code.");
}

export function outcomeResponse(outcome: LookupOutcome<unknown>): Response {
  switch (outcome.kind) {
    case "found":
      return apiJson(outcome.view);
    case "not_found":
      return notFound();
    case "rate_limited":
      return rateLimited(outcome.retryAfterSeconds);
  }
}
