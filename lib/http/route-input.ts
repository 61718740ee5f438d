import type { z } from "zod";
import { hasScope, type ApiKeyScope } from "@/lib/core/api-key-scopes";
import { IDEMPOTENCY_KEY } from "@/lib/idempotency/idempotency";
import { loadSnapshot } from "@/lib/parcels/snapshot";
import { relationTo } from "@/lib/parcels/relation";
import { appDeps } from "@/lib/runtime/app-deps";
import { fieldErrors } from "@/lib/validation/field-errors";
import { apiError } from "./api-response";
import { callerViewer, type ApiCaller } from "./caller";
import { notFound } from "./outcome-response";
import { readJson } from "./read-json";
import { authenticate } from "./route-callers";
import type { BodySpec, ParcelAccess, RouteDeclaration } from "./route-declaration";
import { isSameOrigin } from "./same-origin";

type Step<T> = { ok: true; value: T } | { ok: false; response: Response };
const refuse = (response: Response) => ({ ok: false, response }) as const;
const pass = <T>(value: T) => ({ ok: true, value }) as const;

export const invalidInput = (error: z.ZodError) =>
  apiError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(error) });

function idempotencyKey(request: Request, rule: RouteDeclaration["idempotencyKey"]): Step<string | null | undefined> {
  if (!rule) return pass(undefined);
  const key = request.headers.get("idempotency-key");
  if (key !== null && IDEMPOTENCY_KEY.test(key)) return pass(key);
  if (rule === "optional" && key === null) return pass(null);
  return rule === "required"
    ? refuse(
        apiError(400, "idempotency_key_required", "Send an Idempotency-Key header (1-255 visible ASCII characters)."),
      )
    : refuse(apiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1-255 visible ASCII characters."));
}

function query(request: Request, declaration: RouteDeclaration): Step<unknown> {
  if (!declaration.query) return pass(undefined);
  const parsed = declaration.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return pass(parsed.data);
  return refuse((declaration.invalidQuery ?? invalidInput)(parsed.error));
}

function params(declaration: RouteDeclaration, given: unknown): Step<unknown> {
  if (!declaration.params) return pass({});
  const parsed = declaration.params.schema.safeParse(given);
  return parsed.success ? pass(parsed.data) : refuse(apiError(404, "not_found", declaration.params.notFound));
}

/** The parcel behind the code, from the database (never the cache: this decides access); outsiders get its 404. */
async function parcel(
  declaration: RouteDeclaration,
  caller: unknown,
  code: unknown,
): Promise<Step<ParcelAccess | undefined>> {
  const allowed = declaration.parcel;
  if (!allowed) return pass(undefined);
  const snapshot = typeof code === "string" ? await loadSnapshot(appDeps().db, code) : null;
  if (!snapshot) return refuse(notFound());
  const viewer = callerViewer(caller as ApiCaller);
  const relation = relationTo(viewer, snapshot);
  return allowed.includes(relation) ? pass({ viewer, parcel: snapshot, relation }) : refuse(notFound());
}

async function body(request: Request, spec: BodySpec | undefined): Promise<Step<unknown>> {
  if (!spec) return pass(undefined);
  const read = await readJson(request, spec.maxBytes);
  if (!read.ok) return read;
  if (!spec.schema || spec.parsedBy === "feature") return pass(read.value);
  const parsed = spec.schema.safeParse(read.value);
  return parsed.success ? pass(parsed.data) : refuse(invalidInput(parsed.error));
}

/** An API key without the route's scope is refused whatever else it may do: 403 naming the scope. */
function scopeCheck(caller: unknown, scope: ApiKeyScope | undefined): Step<null> {
  const key = caller as { kind?: string; scopes?: readonly string[] } | null;
  if (!scope || key?.kind !== "api_key" || hasScope(key.scopes ?? [], scope)) return pass(null);
  const message = `This API key lacks the "${scope}" scope; an admin can create a key with it.`;
  return refuse(apiError(403, "insufficient_scope", message, { extra: { scope } }));
}

type CheckedInput = Record<"caller" | "idempotencyKey" | "query" | "params" | "parcel" | "body", unknown>;

/**
 * Everything the declaration asks for, in this order, the first refusal answered in the API's one
 * error shape: the caller (401/403), an API key's scope (403), a session's origin (403), the Idempotency-Key (400), the query
 * (400), the path (404, as an unknown one), the caller's relation to the parcel (404), the JSON
 * body (415/413/400). The body comes last, so an outsider learns nothing from how it is refused.
 */
export async function checkInput(
  request: Request,
  declaration: RouteDeclaration,
  givenParams: unknown,
): Promise<Step<CheckedInput>> {
  const identified = await authenticate(request, declaration.callers);
  if (!identified.ok) return identified;
  const { caller } = identified;
  const scoped = scopeCheck(caller, declaration.scope);
  if (!scoped.ok) return scoped;
  const isSession = (caller as { kind?: string } | null)?.kind === "session";
  if (declaration.sameOriginSessions && isSession && !isSameOrigin(request.headers)) {
    return refuse(apiError(403, "forbidden", "Cross-origin requests are refused."));
  }
  const key = idempotencyKey(request, declaration.idempotencyKey);
  if (!key.ok) return key;
  const checkedQuery = query(request, declaration);
  if (!checkedQuery.ok) return checkedQuery;
  const checkedParams = params(declaration, givenParams);
  if (!checkedParams.ok) return checkedParams;
  const access = await parcel(declaration, caller, (checkedParams.value as { code?: unknown }).code);
  if (!access.ok) return access;
  const checkedBody = await body(request, declaration.body);
  if (!checkedBody.ok) return checkedBody;
  return pass({
    caller,
    idempotencyKey: key.value,
    query: checkedQuery.value,
    params: checkedParams.value,
    parcel: access.value,
    body: checkedBody.value,
  });
}
