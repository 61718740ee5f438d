import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { acceptsGzip, varyOnEncoding } from "@/lib/http/accept-encoding";
import { errorAnswer, fromWebResponse, type PlainAnswer } from "@/lib/http/plain-answer";
import { nodeRequestMeta } from "@/lib/http/request-meta";
import type { RequestMeta } from "@/lib/parcels/viewer";

/** What a front route's handler is given: the node request, its body read in full, the caller, the path's params. */
export type FrontRequest = { req: IncomingMessage; body: Buffer; meta: RequestMeta; params: string[] };

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
  handle: (request: FrontRequest) => Promise<PlainAnswer>;
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
 * A route handler written for web Requests, as a front route's handler. The URL's origin is
 * never read: handlers that care check the Origin header against Host.
 */
export function webRoute(
  handler: (request: Request, meta: RequestMeta, params: string[]) => Promise<Response>,
): FrontRoute["handle"] {
  return async ({ req, body, meta, params }) => {
    const init: RequestInit = { method: req.method, headers: webHeaders(req) };
    if (req.method !== "GET" && req.method !== "HEAD") init.body = new Uint8Array(body);
    return fromWebResponse(await handler(new Request(`http://localhost${req.url ?? ""}`, init), meta, params));
  };
}

/**
 * Sends `answer`, large bodies gzipped at level 1 when the client takes gzip. Next.js
 * gzips at level 6 in 16 KB steps after the response is complete: for a batch's 10,000
 * codes (1.2 MB) that took 30–70 ms at the end of every batch, for a body 4% smaller.
 */
async function send(req: IncomingMessage, res: ServerResponse, answer: PlainAnswer, extra: Record<string, string>) {
  let body = typeof answer.body === "string" ? Buffer.from(answer.body) : (answer.body ?? Buffer.alloc(0));
  // All lower-cased, so the answer's own headers replace the site's defaults of the same name.
  const headers: Record<string, string | string[]> = {};
  for (const named of [extra, answer.headers]) {
    for (const [name, value] of Object.entries(named)) headers[name.toLowerCase()] = value;
  }
  if (body.length >= COMPRESS_FROM_BYTES && headers["content-encoding"] === undefined) {
    headers.vary = varyOnEncoding(typeof headers.vary === "string" ? headers.vary : null);
    if (acceptsGzip(req.headers["accept-encoding"])) {
      body = await gzipped(body, { level: 1 }); // on libuv's thread pool, not the event loop
      headers["content-encoding"] = "gzip";
    }
  }
  headers["content-length"] = String(body.length);
  res.writeHead(answer.status, headers);
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
    const body = route.method === "GET" ? Buffer.alloc(0) : await readBody(req, route.maxBodyBytes);
    if (body === null) {
      const limit = `${Math.round(route.maxBodyBytes / 1024)} KiB`;
      return send(req, res, errorAnswer(413, "body_too_large", `The body must be at most ${limit}.`), headers);
    }
    await send(req, res, await route.handle({ req, body, meta, params }), headers);
  };
}
