import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { acceptsGzip, varyOnEncoding } from "@/lib/http/accept-encoding";
import { cookieValue } from "@/lib/http/cookie-value";
import { nodeRequestMeta } from "@/lib/http/request-meta";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { renderWithHandoff } from "@/lib/parcels/page-handoff";
import type { ResolveOutcome } from "@/lib/parcels/resolve";
import type { RequestMeta } from "@/lib/parcels/viewer";
import type { CachedPage, PageCache } from "./page-cache";
import { captureResponse } from "./capture-response";

export type ResolveForStranger = (code: string, meta: RequestMeta) => Promise<ResolveOutcome>;
type Render = () => Promise<void>;

const PARCEL_PATH = /^\/p\/([^/?#]+)$/;
// Client-side navigations and server actions ask for other payloads than the HTML document.
const NON_DOCUMENT_HEADERS = [
  "rsc",
  "next-action",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
];
// Per connection or per response; everything else Next.js sent (CSP, no-store, Vary…) is replayed.
const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

/** The code of a stranger's plain page load of /p/{code}; null sends the request straight to Next.js. */
function strangersParcelCode(req: IncomingMessage): string | null {
  const match = req.method === "GET" ? PARCEL_PATH.exec(req.url ?? "") : null;
  if (!match?.[1] || NON_DOCUMENT_HEADERS.some((name) => name in req.headers)) return null;
  if (SESSION_COOKIES.some((name) => cookieValue(req.headers.cookie, name) !== undefined)) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function send(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  const body = gzip ? page.gzipped : page.body;
  res.writeHead(200, {
    ...page.headers,
    vary: varyOnEncoding(page.headers.vary),
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": String(body.length),
  });
  res.end(body);
}

function toCachedPage(fingerprint: string, headers: Record<string, string | string[]>, body: Buffer): CachedPage {
  const replayed = Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_REPLAYED.has(name)));
  return { fingerprint, headers: replayed, body, gzipped: gzipSync(body) };
}

/**
 * In front of Next.js: a stranger's scan of a label. The masked page is the same
 * for every stranger, so once rendered it is served from memory for as long as
 * the parcel's masked view (its fingerprint) stays the same. Every request is
 * still resolved: rate limited per IP and checked against the current data. A
 * full view is never cached: requests with a session cookie, and anything but a
 * plain page load, go to Next.js untouched.
 */
export function parcelPageFront(resolve: ResolveForStranger, cache: PageCache) {
  return async function handle(req: IncomingMessage, res: ServerResponse, render: Render): Promise<void> {
    const code = strangersParcelCode(req);
    if (code === null) return render();
    let outcome: ResolveOutcome;
    try {
      outcome = await resolve(code, nodeRequestMeta(req));
    } catch {
      return render(); // PostgreSQL or Redis trouble: the page itself answers it
    }
    if (outcome.kind !== "found") {
      await renderWithHandoff(code, outcome, render);
      return;
    }
    const locale = resolveLocale(cookieValue(req.headers.cookie, LOCALE_COOKIE), req.headers["accept-language"]);
    const key = `${locale} ${code}`;
    const fingerprint = JSON.stringify(outcome.view);
    const cached = cache.get(key, fingerprint);
    if (cached) return send(req, res, cached);

    // Rendered without compression, so the stored copy can be sent either way.
    delete req.headers["accept-encoding"];
    const capture = captureResponse(res);
    const { taken } = await renderWithHandoff(code, outcome, render);
    const rendered = capture.result();
    // Only a page rendered from this very outcome, complete, and setting no cookie is shared.
    if (taken && rendered.complete && res.statusCode === 200 && !("set-cookie" in rendered.headers)) {
      cache.set(key, toCachedPage(fingerprint, rendered.headers, rendered.body));
    }
  };
}
