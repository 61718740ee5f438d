/** Every API error has this one shape (docs/api.md): `{ error: { code, message, fields? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

/** The error body; `extra` adds what a caller can act on (`fields`, or `allowed` for a refused transition). */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

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
  extra: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  return apiJson(errorBody(code, message, extra.fields ? { fields: extra.fields } : {}), status, extra.headers);
}

export function rateLimited(retryAfterSeconds: number): Response {
  return apiError(429, "rate_limited", "Too many requests. Try again later.", {
    headers: { "Retry-After": String(Math.max(1, retryAfterSeconds)) },
  });
}
