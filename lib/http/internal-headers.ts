import http from "node:http";

/**
 * Headers Next.js adds to a parcel page's answer that tell a caller about the server rather than
 * the page: the internal path a stranger's scan was rewritten to (it names the view's key), and
 * whether the answer came from the cache (a HIT says someone scanned this label since it last
 * changed), with the client router's cache hints and the matched route. next.config.js headers
 * can add but not remove, and proxy.ts runs before Next.js sets them, so they are dropped as the
 * answer's head is written. Only on parcel pages: elsewhere the client router reads the hints.
 */
const INTERNAL_HEADERS = [
  "x-middleware-rewrite",
  "x-nextjs-rewritten-path",
  "x-nextjs-rewritten-query",
  "x-nextjs-cache",
  "x-nextjs-prerender",
  "x-nextjs-stale-time",
  "x-matched-path",
];
const PARCEL_PAGES = ["/p/", "/stranger-view/"];

const isParcelPage = (url: string | undefined) => PARCEL_PAGES.some((prefix) => url?.startsWith(prefix));

const isInternal = (name: unknown) => INTERNAL_HEADERS.includes(String(name).toLowerCase());

/** writeHead's own headers argument, if it has one: an object, or a flat list of names and values. */
function withoutInternal(headers: unknown): unknown {
  if (Array.isArray(headers)) {
    const kept: unknown[] = [];
    for (let i = 0; i < headers.length; i += 2) if (!isInternal(headers[i])) kept.push(headers[i], headers[i + 1]);
    return kept;
  }
  if (headers === null || typeof headers !== "object") return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isInternal(name)));
}

const INSTALLED = Symbol.for("exqress.internalHeaders");
type WriteHead = (this: http.ServerResponse, ...args: unknown[]) => http.ServerResponse;
type Patched = { writeHead: WriteHead; [INSTALLED]?: true };

/** Called once from instrumentation.ts: every answer of this process's HTTP servers. */
export function hideInternalHeaders(): void {
  const proto = http.ServerResponse.prototype as unknown as Patched;
  if (proto[INSTALLED]) return;
  const writeHead = proto.writeHead;
  proto.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    if (!isParcelPage(this.req?.url)) return writeHead.apply(this, args);
    for (const name of INTERNAL_HEADERS) this.removeHeader(name);
    return writeHead.apply(
      this,
      args.map((arg, i) => (i > 0 ? withoutInternal(arg) : arg)),
    );
  };
  proto[INSTALLED] = true;
}
