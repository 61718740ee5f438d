import type { IncomingHttpHeaders } from "node:http";

/**
 * An HTTP answer as plain data. Handlers that the server's front (lib/server/api-front.ts)
 * calls for every login return this instead of a web `Response`: building and then reading
 * back undici's Request and Response objects was about a sixth of the event loop's time per
 * login. Route handlers turn it into a `Response` with `toWebResponse`.
 */
export type PlainAnswer = {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer | null;
};

/** What a handler reads of the request's headers: web `Headers` have it, `nodeHeaders` makes it. */
export type HeaderReader = { get(name: string): string | null };

/** Node's parsed headers (names already lower-case) read like web `Headers`: repeated values joined. */
export function nodeHeaders(headers: IncomingHttpHeaders): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

/** Every API error has this one shape (CONTRACT.md): `{ error: { code, message, fields? } }`. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

/** The error body; `extra` adds what a caller can act on (`fields`, or `allowed` for a refused transition). */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}): PlainAnswer {
  return {
    status,
    headers: { "Content-Type": "application/json", ...NO_STORE, ...headers },
    body: JSON.stringify(body),
  };
}

/** An API error (`errorBody`) as a plain answer. */
export function errorAnswer(
  status: number,
  code: string,
  message: string,
  extra: { fields?: Record<string, string[]>; headers?: Record<string, string> } = {},
): PlainAnswer {
  return jsonAnswer(errorBody(code, message, extra.fields ? { fields: extra.fields } : {}), status, extra.headers);
}

export function toWebResponse({ status, headers, body }: PlainAnswer): Response {
  const web = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    // One value replaces (a caller's Content-Type over the default); a list is each sent (Set-Cookie).
    if (Array.isArray(value)) for (const item of value) web.append(name, item);
    else web.set(name, value);
  }
  return new Response(body === null ? null : typeof body === "string" ? body : new Uint8Array(body), {
    status,
    headers: web,
  });
}

/** A web `Response` read back into a plain answer, every Set-Cookie kept apart. */
export async function fromWebResponse(response: Response): Promise<PlainAnswer> {
  const headers: PlainAnswer["headers"] = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}
