import { z } from "zod";
import { appDeps } from "@/lib/runtime/app-deps";
import { apiError, apiJson } from "@/lib/http/api-response";
import { requestMeta } from "@/lib/http/request-meta";
import { readLimited } from "@/lib/http/read-json";
import { isSameOrigin, safeReturnPath } from "@/lib/http/same-origin";
import { verifyCredentials } from "@/lib/auth/credentials";
import { FIRST_PASSWORD_PATH } from "@/lib/auth/first-password";
import { TOO_MANY_ATTEMPTS } from "@/lib/i18n/auth-sentences";
import { startSession } from "@/lib/auth/session";
import type { Role } from "@/lib/core/session-user";
import { sessionSetCookie } from "@/lib/auth/token";

export const dynamic = "force-dynamic";

const HOME: Record<Role, string> = { recipient: "/parcels", courier: "/courier", admin: "/admin" };

/** A login form holds an identifier, a password (≤ 1 KiB) and a return path; a larger body is refused unread. */
const LOGIN_MAX_BODY_BYTES = 16 * 1024;

const loginSchema = z.object({
  identifier: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
  next: z.string().max(512).optional(),
});

type Failure = { status: number; code: string; message: string; retryAfterSeconds?: number };
type Fields = Record<string, unknown>;

/** The posted fields: JSON from the app's script, a urlencoded (or multipart) form without JavaScript. */
async function readFields(contentType: string, body: Uint8Array): Promise<{ fields: Fields; wantsJson: boolean }> {
  if (contentType.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
      return { fields: parsed !== null && typeof parsed === "object" ? (parsed as Fields) : {}, wantsJson: true };
    } catch {
      return { fields: {}, wantsJson: true };
    }
  }
  if (contentType.includes("multipart/form-data")) {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } })
      .formData()
      .catch(() => new FormData());
    return { fields: Object.fromEntries(form), wantsJson: false };
  }
  return { fields: Object.fromEntries(new URLSearchParams(Buffer.from(body).toString("utf8"))), wantsJson: false };
}

function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", ...headers } });
}

/** A script gets the status it can act on; a plain form post (no JavaScript) goes back to the form. */
function fail(failure: Failure, wantsJson: boolean, next: unknown): Response {
  const retry = failure.retryAfterSeconds ? { "Retry-After": String(failure.retryAfterSeconds) } : undefined;
  if (wantsJson) return apiError(failure.status, failure.code, failure.message, { headers: retry });
  const query = new URLSearchParams({ error: failure.code, next: safeReturnPath(next, "") });
  if (failure.retryAfterSeconds) query.set("retry", String(failure.retryAfterSeconds));
  return seeOther(`/login?${query}`, retry);
}

/**
 * POST /api/auth/login, the one door that creates sessions: "Phone or email" + password →
 * a new Redis-backed session cookie, with the caller's address and user agent recorded.
 * next-auth's own sign-in endpoints are closed (app/api/auth/[...nextauth]/route.ts).
 */
export async function POST(request: Request): Promise<Response> {
  const body = await readLimited(request, LOGIN_MAX_BODY_BYTES);
  if (body === null) {
    return apiError(413, "body_too_large", `The body must be at most ${LOGIN_MAX_BODY_BYTES / 1024} KiB.`);
  }
  const { fields, wantsJson } = await readFields(request.headers.get("content-type") ?? "", body);
  if (!isSameOrigin(request.headers))
    return fail({ status: 403, code: "forbidden", message: "Cross-site login refused." }, wantsJson, fields.next);
  const parsed = loginSchema.safeParse(fields);
  if (!parsed.success) {
    const message = "Enter your phone or email and your password.";
    return fail({ status: 400, code: "invalid_input", message }, wantsJson, fields.next);
  }
  const { next } = parsed.data;
  const deps = appDeps();
  const meta = requestMeta(request.headers);
  try {
    const result = await verifyCredentials(deps, parsed.data, meta);
    if (!result.ok && result.reason === "throttled") {
      const { retryAfterSeconds } = result;
      return fail({ status: 429, code: "throttled", message: TOO_MANY_ATTEMPTS, retryAfterSeconds }, wantsJson, next);
    }
    if (!result.ok) {
      const message = "Wrong phone/email or password.";
      return fail({ status: 401, code: "invalid_credentials", message }, wantsJson, next);
    }
    const { user, token } = await startSession(deps, result.user, meta, result.clearFailures);
    const setCookie = { "Set-Cookie": sessionSetCookie(deps.config, token) };
    // A temporary password is changed before anything else (every other door refuses the session).
    const redirectTo = result.user.mustChangePassword ? FIRST_PASSWORD_PATH : safeReturnPath(next, HOME[user.role]);
    if (wantsJson) return apiJson({ ok: true, role: user.role, redirectTo }, 200, setCookie);
    return seeOther(redirectTo, setCookie);
  } catch {
    // PostgreSQL or Redis did not answer: say so plainly; the app recovers when they return.
    const message = "Login is unavailable right now. Try again shortly.";
    return fail({ status: 503, code: "unavailable", message }, wantsJson, next);
  }
}
