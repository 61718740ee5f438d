import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError } from "@/lib/http/api-response";
import { nodeRequestMeta } from "@/lib/http/request-meta";
import type { RequestMeta } from "@/lib/parcels/viewer";

export type Login = (request: Request, meta: RequestMeta) => Promise<Response>;
type Next = () => Promise<void>;

const LOGIN_PATH = "/api/auth/login";
// A login form holds an identifier, a password (≤ 1 KiB) and a return path.
const MAX_BODY_BYTES = 16 * 1024;

/** The body, or null once it grows past `limit` (the rest is not read). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    for (const item of value ?? []) headers.append(name, item);
  }
  return headers;
}

async function send(res: ServerResponse, response: Response, extra: Record<string, string>): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * In front of Next.js: POST /api/auth/login, answered by the same handler as its route
 * (lib/auth/http/login-handler.ts) but without Next.js's routing around it. A login is
 * argon2id plus a few milliseconds of other work, and Next.js's request handling was most
 * of those milliseconds: every one of them is a login per second less at full load.
 * `headers` are the ones next.config.js gives every response (lib/http/security-headers.js).
 */
export function loginFront(login: Login, headers: Record<string, string>) {
  return async function handle(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    if (req.method !== "POST" || req.url !== LOGIN_PATH) return next();
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return send(res, apiError(413, "payload_too_large", "A login form is at most 16 KB."), headers);
    // The URL's origin is never read: the handler checks the Origin header against the Host one.
    const request = new Request(`http://localhost${LOGIN_PATH}`, {
      method: "POST",
      headers: webHeaders(req),
      body: new Uint8Array(body),
    });
    await send(res, await login(request, nodeRequestMeta(req)), headers);
  };
}
