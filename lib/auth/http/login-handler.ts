import { z } from "zod";
import { apiError, apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/http/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { isSameOrigin, safeReturnPath } from "@/lib/http/same-origin";
import { verifyCredentials } from "../credentials";
import { startSession } from "../session";
import type { RequestMeta } from "@/lib/parcels/viewer";
import type { Role } from "../session-user";
import { sessionSetCookie } from "../token";

const HOME: Record<Role, string> = { recipient: "/parcels", courier: "/courier", admin: "/admin" };

const loginSchema = z.object({
  identifier: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1024),
  next: z.string().max(512).optional(),
});

type Failure = { status: number; code: string; message: string; retryAfterSeconds?: number };

async function readForm(request: Request): Promise<{ fields: Record<string, unknown>; wantsJson: boolean }> {
  if ((request.headers.get("content-type") ?? "").includes("application/json")) {
    return { fields: (await request.json().catch(() => ({}))) as Record<string, unknown>, wantsJson: true };
  }
  return { fields: Object.fromEntries(await request.formData().catch(() => new FormData())), wantsJson: false };
}

/** A script gets the status it can act on; a plain form post (no JavaScript) goes back to the form. */
function fail(failure: Failure, wantsJson: boolean, next: unknown): Response {
  const retry = failure.retryAfterSeconds ? { "Retry-After": String(failure.retryAfterSeconds) } : undefined;
  if (wantsJson) return apiError(failure.status, failure.code, failure.message, { headers: retry });
  const query = new URLSearchParams({ error: failure.code, next: safeReturnPath(next, "") });
  if (failure.retryAfterSeconds) query.set("retry", String(failure.retryAfterSeconds));
  return new Response(null, { status: 303, headers: { Location: `/login?${query}`, ...retry } });
}

/**
 * POST /api/auth/login: "Phone or email" + password → a new Redis-backed session cookie.
 * Framework-free (the cookie goes in the Response), so the route handler and the front of
 * scripts/serve.ts give the same answer; `meta` is the caller as whichever of them saw it.
 */
export async function loginHandler(
  request: Request,
  meta: RequestMeta = requestMeta(request.headers),
): Promise<Response> {
  const { fields, wantsJson } = await readForm(request);
  if (!isSameOrigin(request))
    return fail({ status: 403, code: "forbidden", message: "Cross-site login refused." }, wantsJson, fields.next);
  const parsed = loginSchema.safeParse(fields);
  if (!parsed.success) {
    return fail(
      { status: 400, code: "invalid_input", message: "Enter your phone or email and your password." },
      wantsJson,
      fields.next,
    );
  }
  const deps = appDeps();
  try {
    const result = await verifyCredentials(deps, parsed.data, meta);
    if (!result.ok && result.reason === "throttled") {
      const message = "Too many attempts. Wait a moment and try again.";
      return fail(
        { status: 429, code: "throttled", message, retryAfterSeconds: result.retryAfterSeconds },
        wantsJson,
        parsed.data.next,
      );
    }
    if (!result.ok) {
      return fail(
        { status: 401, code: "invalid_credentials", message: "Wrong phone/email or password." },
        wantsJson,
        parsed.data.next,
      );
    }
    const { user, token } = await startSession(deps, result.user, meta, result.clearFailures);
    const setCookie = { "Set-Cookie": sessionSetCookie(deps.config, token) };
    const redirectTo = safeReturnPath(parsed.data.next, HOME[user.role]);
    if (wantsJson) return apiJson({ ok: true, role: user.role, redirectTo }, 200, setCookie);
    return new Response(null, { status: 303, headers: { Location: redirectTo, ...setCookie } });
  } catch {
    // PostgreSQL or Redis did not answer: say so plainly; the app recovers when they return.
    return fail(
      { status: 503, code: "unavailable", message: "Login is unavailable right now. Try again shortly." },
      wantsJson,
      parsed.data.next,
    );
  }
}
