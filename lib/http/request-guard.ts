import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Requests Next.js cannot take apart, answered with the 4xx they deserve before it tries (it
 * throws and answers 500): methods that a web Request cannot even be made with (`TRACE`, `TRACK`,
 * `CONNECT`: "'TRACE' HTTP method is unsupported"), and a path whose percent-encoding is not
 * UTF-8 (`/p/%ZZ`, `/p/%C0%AE%C0%AE`), which fails decoding a route's parameters.
 */
const UNSUPPORTED_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

function decodablePath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(text);
  return true;
}

/** True when the request was answered here and must not reach Next.js. */
export function refuseUnservable(req: IncomingMessage, res: ServerResponse): boolean {
  if (UNSUPPORTED_METHODS.has(req.method ?? "")) {
    return answer(res, 405, "Method not allowed.", { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" });
  }
  if (!decodablePath(req.url ?? "/")) return answer(res, 400, "Bad request: the path is not valid percent-encoding.");
  return false;
}
