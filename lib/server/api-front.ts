import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { acceptsGzip, varyOnEncoding } from "@/lib/http/accept-encoding";
import { apiError } from "@/lib/http/api-response";
import { nodeRequestMeta } from "@/lib/http/request-meta";
import type { RequestMeta } from "@/lib/parcels/viewer";

/**
 * A request answered before Next.js by its route's own handler. A string `path` matches the
 * request's path exactly, query included; a RegExp is tried on the same, and its groups,
 * percent-decoded as Next.js decodes a dynamic segment, are the handler's `params`.
 */
export type FrontRoute = {
  method: "GET" | "POST";
  path: string | RegExp;
  /** The front stops reading past this and answers 413; the handler may hold the body to less. */
  maxBodyBytes: number;
  handle: (request: Request, meta: RequestMeta, params: string[]) => Promise<Response>;
};
type Next = () => Promise<void>;

const gzipped = promisify(gzip);
/** Below this, gzip's own overhead is most of what it saves. */
const COMPRESS_FROM_BYTES = 64 * 1024;

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

/**
 * Sends `response`, large bodies gzipped at level 1 when the client takes gzip. Next.js
 * gzips at level 6 in 16 KB steps after the response is complete: for a batch's 10,000
 * codes (1.2 MB) that took 30–70 ms at the end of every batch, for a body 4% smaller.
 */
async function send(req: IncomingMessage, res: ServerResponse, response: Response, extra: Record<string, string>) {
  let body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = { ...extra };
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if (body.length >= COMPRESS_FROM_BYTES && !response.headers.has("content-encoding")) {
    headers.vary = varyOnEncoding(response.headers.get("vary"));
    if (acceptsGzip(req.headers["accept-encoding"])) {
      body = await gzipped(body, { level: 1 }); // on libuv's thread pool, not the event loop
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** The route for this request and its params; none when a segment does not decode (Next.js answers that). */
function matchRoute(routes: FrontRoute[], method: string | undefined, url: string) {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (typeof route.path === "string") {
      if (route.path === url) return { route, params: [] };
      continue;
    }
    const groups = route.path.exec(url)?.slice(1);
    if (!groups) continue;
    try {
      return { route, params: groups.map((group) => decodeURIComponent(group ?? "")) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * In front of Next.js: a few routes, answered by the same handlers as their route files but
 * without Next.js's request handling around them, for the requests that come in floods or in
 * bulk: a login is argon2id plus a few milliseconds, and Next.js's handling was most of those;
 * a carrier's masked lookup is one Redis round trip, and Next.js's handling was most of that;
 * a batch of 10,000 parcels is 2 MB in and 1.2 MB out (see `send`).
 * `headers` are the ones next.config.js gives every response (lib/http/security-headers.js).
 */
export function apiFront(routes: FrontRoute[], headers: Record<string, string>) {
  return async function handle(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    const url = req.url ?? "";
    const matched = matchRoute(routes, req.method, url);
    if (matched === undefined) return next();
    const { route, params } = matched;
    const meta = nodeRequestMeta(req);
    // The URL's origin is never read: handlers that care check the Origin header against Host.
    const target = `http://localhost${url}`;
    if (route.method === "GET") {
      const request = new Request(target, { headers: webHeaders(req) });
      return send(req, res, await route.handle(request, meta, params), headers);
    }
    const body = await readBody(req, route.maxBodyBytes);
    if (body === null) {
      const limit = `${Math.round(route.maxBodyBytes / 1024)} KiB`;
      return send(req, res, apiError(413, "body_too_large", `The body must be at most ${limit}.`), headers);
    }
    const request = new Request(target, { method: "POST", headers: webHeaders(req), body: new Uint8Array(body) });
    await send(req, res, await route.handle(request, meta, params), headers);
  };
}
