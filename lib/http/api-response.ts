import { errorBody } from "@/lib/core/api-error";

/** JSON that no browser or proxy keeps: API answers may carry personal data. */
export function apiJson(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const web = new Headers({ "Content-Type": "application/json", "Cache-Control": "no-store" });
  // A caller's own value replaces a default (a `private` Cache-Control); Set-Cookie values are each kept.
  new Headers(headers).forEach((value, name) =>
    name === "set-cookie" ? web.append(name, value) : web.set(name, value),
  );
  return new Response(JSON.stringify(body), { status, headers: web });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string[]>; headers?: Record<string, string>; extra?: Record<string, string> } = {},
): Response {
  const more = { ...extra.extra, ...(extra.fields ? { fields: extra.fields } : {}) };
  return apiJson(errorBody(code, message, more), status, extra.headers);
}

export function rateLimited(retryAfterSeconds: number): Response {
  return apiError(429, "rate_limited", "Too many requests. Try again later.", {
    headers: { "Retry-After": String(Math.max(1, retryAfterSeconds)) },
  });
}
