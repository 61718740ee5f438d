/** Every API error has this one shape (CONTRACT.md): `{ error: { code, message, fields? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

const NO_STORE = { "Cache-Control": "no-store" };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(extra.fields ? { fields: extra.fields } : {}) } };
  return apiJson(body, status, extra.headers);
}

export function rateLimited(retryAfterSeconds: number): Response {
  return apiError(429, "rate_limited", "Too many requests. Try again later.", {
    headers: { "Retry-After": String(Math.max(1, retryAfterSeconds)) },
  });
}
