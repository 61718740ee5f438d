import { apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { requireIdempotencyKey } from "@/lib/http/idempotency-key";
import { runIdempotent } from "@/lib/idempotency/idempotency";
import { metrics } from "@/lib/observability/metrics";
import { parseParcelCode } from "../code";
import { recordStatusEvent, type StatusActor } from "../record-event";
import { requireCaller } from "./caller";
import { notFound } from "./outcome-response";

const MAX_BYTES = 8 * 1024;

/**
 * Applies a status change for an actor who is already authenticated (an API key,
 * or a courier's session, which is what the offline outbox will replay with): an
 * Idempotency-Key is required, so a replayed request never records a second event.
 */
async function applyStatusChange(request: Request, actor: StatusActor, rawCode: string): Promise<Response> {
  const idempotency = requireIdempotencyKey(request);
  if (!idempotency.ok) return idempotency.response;
  const { key } = idempotency;
  const code = parseParcelCode(rawCode);
  if (!code) return notFound();
  const body = await readJson(request, MAX_BYTES);
  if (!body.ok) return body.response;
  const { db, redis } = appDeps();
  const scope = actor.kind === "api_key" ? `api_key:${actor.apiKeyId}:events` : `user:${actor.userId}:events`;
  const result = await runIdempotent(db, scope, key, { code, body: body.value }, (tx) =>
    recordStatusEvent(tx, redis, actor, code, body.value),
  );
  metrics().statusEvents.inc({ actor: actor.kind, result: eventResult(result.status, result.replayed) });
  return apiJson(result.body, result.status, result.replayed ? { "Idempotent-Replayed": "true" } : {});
}

function eventResult(status: number, replayed: boolean): "recorded" | "replayed" | "refused" {
  if (replayed) return "replayed";
  return status === 201 ? "recorded" : "refused";
}

/** POST /api/v1/parcels/{code}/events with the carrier's API key or the assigned courier's session. */
export async function eventsHandler(request: Request, code: string): Promise<Response> {
  const auth = await requireCaller(request, ["courier"]);
  if (!auth.ok) return auth.response;
  const { caller } = auth;
  if (caller.kind === "api_key") return applyStatusChange(request, caller, code);
  const actor = { kind: "courier" as const, userId: caller.user.userId, carrierId: caller.user.carrierId };
  return applyStatusChange(request, actor, code);
}
