import { getDb } from "@/db/client";
import { OUTBOX_OWNER_HEADER } from "@/lib/core/outbox-owner-header";
import { authenticateApiKey, type ApiKeyCaller } from "@/lib/api-keys/authenticate";
import { sessionFromRequest } from "@/lib/auth/request-session";
import { hasRole, viewerOf, type Role, type SessionUser, type UserWithRole } from "@/lib/core/session-user";
import { apiError, rateLimited } from "./api-response";
import { requestMeta } from "./request-meta";
import { getRedis } from "@/lib/redis/client";
import type { Registrar } from "@/lib/parcels/register";
import type { Viewer } from "@/lib/core/viewer";

/** An API key, or a session whose user type says which roles it may be (`R`). */
export type ApiCaller<R extends Role = Role> = ApiKeyCaller | { kind: "session"; user: UserWithRole<R> };
export type CallerCheck<T> = { ok: true; caller: T } | { ok: false; response: Response };

const unauthorized = () =>
  apiError(401, "unauthorized", "Log in, or send a valid API key as `Authorization: Bearer <key>`.", {
    headers: { "WWW-Authenticate": 'Bearer realm="exqress"' },
  });

/**
 * Every carrier API route starts here. An Authorization header means an API key
 * and nothing else; otherwise the session cookie, whose role must be one of
 * `roles`. No valid key or session, or a session other than the Outbox-Owner a request names → 401;
 * a session of another role → 403;
 * Redis down → 503 (sessions fail closed).
 */
export async function requireCaller<R extends Role>(
  request: Request,
  roles: readonly R[],
): Promise<CallerCheck<ApiCaller<R>>> {
  if (request.headers.has("authorization")) {
    return requireApiKey(request);
  }
  let user: SessionUser | null;
  try {
    user = await sessionFromRequest(request);
  } catch {
    return {
      ok: false,
      response: apiError(503, "unavailable", "Sign-in is unavailable right now. Try again shortly."),
    };
  }
  // An outbox item names the courier who tapped it: with anyone else's session it is not sent, and
  // the 401 keeps it waiting for its owner's next login, as when there is no session at all.
  const owner = request.headers.get(OUTBOX_OWNER_HEADER);
  if (!user || (owner !== null && owner !== user.userId)) return { ok: false, response: unauthorized() };
  if (!hasRole(user, roles)) {
    return { ok: false, response: apiError(403, "forbidden", "Your account may not do this.") };
  }
  return { ok: true, caller: { kind: "session", user } };
}

/** API-key only routes (registration, reissue): a session, whatever its role, is not enough. */
export async function requireApiKey(request: Request): Promise<CallerCheck<ApiKeyCaller>> {
  const deps = { db: getDb(), redis: getRedis() };
  const { ip } = requestMeta(request.headers);
  const check = await authenticateApiKey(deps, request.headers.get("authorization"), ip);
  if (check.ok) return { ok: true, caller: check.caller };
  const response = check.reason === "throttled" ? rateLimited(check.retryAfterSeconds) : unauthorized();
  return { ok: false, response };
}

/** The carrier a staff session or an API key acts for (a staff user always has one: session-user.ts). */
export function callerCarrierId(caller: ApiCaller<"admin" | "courier">): string {
  return caller.kind === "api_key" ? caller.carrierId : caller.user.carrierId;
}

export function callerViewer(caller: ApiCaller): Viewer {
  return caller.kind === "api_key" ? caller : viewerOf(caller.user);
}

export type Courier = Extract<Viewer, { kind: "courier" }>;

/** Courier routes take a courier's session and nothing else: an API key acts for a carrier, not a person. */
export async function requireCourier(request: Request): Promise<CallerCheck<Courier>> {
  const check = await requireCaller(request, ["courier"]);
  if (check.ok && check.caller.kind === "session") {
    const { userId, carrierId } = check.caller.user;
    return { ok: true, caller: { kind: "courier", userId, carrierId } };
  }
  return check.ok
    ? { ok: false, response: apiError(403, "forbidden", "Only a courier's session may do this.") }
    : check;
}

/** Who registers parcels: the carrier, by its API key or by an admin of it. */
export function callerRegistrar(caller: ApiCaller<"admin">): Registrar {
  const carrierId = callerCarrierId(caller);
  return caller.kind === "api_key"
    ? { carrierId, apiKeyId: caller.apiKeyId }
    : { carrierId, userId: caller.user.userId };
}
