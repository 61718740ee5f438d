import type { ApiKeyCaller } from "@/lib/api-keys/authenticate";
import { sessionFromRequest } from "@/lib/auth/request-session";
import type { Role, SessionUser } from "@/lib/core/session-user";
import { requireApiKey, requireCaller, requireCourier, type ApiCaller, type CallerCheck, type Courier } from "./caller";

/** Who may call a route. The OpenAPI document states the same as the route's security. */
export type CallerSpec =
  { kind: "public" } | { kind: "api_key" } | { kind: "courier" } | { kind: "roles"; roles: readonly Role[] };

export const callers = {
  /** Anyone; a session, when there is one, makes the caller known. */
  public: { kind: "public" },
  /** The carrier's API key only: a session, whatever its role, is not enough. */
  apiKey: { kind: "api_key" },
  /** A courier's session only: an API key acts for a carrier, not a person. */
  courier: { kind: "courier" },
  /** A session of one of `roles`, or (with an Authorization header) the carrier's API key. */
  roles: <const R extends Role>(...roles: R[]) => ({ kind: "roles", roles }) as const,
} as const;

export type CallerOf<C extends CallerSpec> = C extends { kind: "public" }
  ? SessionUser | null
  : C extends { kind: "api_key" }
    ? ApiKeyCaller
    : C extends { kind: "courier" }
      ? Courier
      : C extends { kind: "roles"; roles: readonly (infer R extends Role)[] }
        ? ApiCaller<R>
        : never;

async function check(request: Request, spec: CallerSpec): Promise<CallerCheck<unknown>> {
  switch (spec.kind) {
    case "public":
      return { ok: true, caller: await sessionFromRequest(request) };
    case "api_key":
      return requireApiKey(request);
    case "courier":
      return requireCourier(request);
    case "roles":
      return requireCaller(request, spec.roles);
  }
}

/** The caller `spec` allows, or the 401/403/429/503 answer (lib/http/caller.ts). */
export function authenticate<C extends CallerSpec>(request: Request, spec: C): Promise<CallerCheck<CallerOf<C>>> {
  return check(request, spec) as Promise<CallerCheck<CallerOf<C>>>;
}
