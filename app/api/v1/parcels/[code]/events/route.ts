import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { storedJson } from "@/lib/http/stored-response";
import { runIdempotent } from "@/lib/idempotency/idempotency";
import { metrics } from "@/lib/observability/metrics";
import { created } from "@/lib/openapi/parts";
import { recordStatusEvent, statusEventSchema, type StatusActor } from "@/lib/parcels/record-event";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

function eventResult(status: number, replayed: boolean): "recorded" | "replayed" | "refused" {
  if (replayed) return "replayed";
  return status === 201 ? "recorded" : "refused";
}

/**
 * A status change by the carrier's API key or the assigned courier's session (which is what the
 * offline outbox replays with): the Idempotency-Key makes a replayed request record no second event.
 */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/events",
    callers: callers.roles("courier"),
    scope: "parcels:write",
    idempotencyKey: "required",
    params: parcelCodeParams,
    body: { maxBytes: 8 * 1024, schema: statusEventSchema, parsedBy: "feature" },
    openapi: { summary: "A status change (courier session or API key)", responses: created("Recorded") },
  },
  async ({ caller, params: { code }, body, idempotencyKey }) => {
    const actor: StatusActor =
      caller.kind === "api_key"
        ? caller
        : { kind: "courier", userId: caller.user.userId, carrierId: caller.user.carrierId };
    const { db, redis } = appDeps();
    const scope = actor.kind === "api_key" ? `api_key:${actor.apiKeyId}:events` : `user:${actor.userId}:events`;
    const result = await runIdempotent(db, scope, idempotencyKey, { code, body }, (tx) =>
      recordStatusEvent(tx, redis, actor, code, body),
    );
    metrics().statusEvents.inc({ actor: actor.kind, result: eventResult(result.status, result.replayed) });
    return storedJson(result);
  },
);
