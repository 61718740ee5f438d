import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { sessionFromRequest } from "@/lib/auth/request-session";
import { viewerOf } from "@/lib/core/session-user";
import { markLookupCharged } from "@/lib/http/charged-lookup";
import { requestMeta } from "@/lib/http/request-meta";
import { renderWithNonce } from "@/lib/http/page-nonce";
import { guardServerAction } from "@/lib/http/server-action-guard";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { chargeLookup } from "@/lib/parcels/resolve";
import { routeStrangerScan, STRANGER_VIEW_PREFIX, unknownCodePath } from "@/lib/parcels/stranger-page";
import { throttledPage } from "@/lib/parcels/throttled-page";
import { appDeps } from "@/lib/runtime/app-deps";

/**
 * Next 16's proxy (formerly middleware). It never decides who may see what: every page,
 * action and route handler checks the session itself, because a cookie's presence says
 * nothing about whether it is valid or revoked. It routes before a render:
 * - server action requests (a `Next-Action` header) are checked for what Next.js would
 *   answer with a 500 or hand to another page (lib/http/server-action-guard.ts);
 * - visitors with no session cookie go to /login from the signed-in areas;
 * - every page rendered for a request gets a script nonce (lib/http/page-nonce.ts);
 * - a stranger's scan of /p/{code} (no session cookie) is charged and resolved once, then either
 *   answered 429 with Retry-After or rewritten to the cached masked page of that exact view
 *   (lib/parcels/stranger-page.ts). Anyone with a session cookie (valid or not) is charged here
 *   too, to the bucket the page would charge, and answered 429 the same way when refused; else
 *   the page is rendered for them, told the look-up is paid (lib/http/charged-lookup.ts).
 */
export async function proxy(request: NextRequest) {
  if (request.headers.has("next-action")) return (await guardServerAction(request)) ?? NextResponse.next();
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/p/")) {
    if (hasSessionCookie) return sessionScan(request);
    return strangerScan(request, pathname.slice("/p/".length));
  }
  // The stranger's cached pages are reached only through the rewrite below, never asked for by
  // URL: that would look codes up without charging the caller.
  if (pathname.startsWith(`${STRANGER_VIEW_PREFIX}/`)) {
    return rewriteTo(request, unknownCodePath(localeOf(request)));
  }
  if (hasSessionCookie || !SIGNED_IN_AREAS.some((area) => isUnder(pathname, area))) return renderWithNonce(request);
  const login = new URL("/login", request.url);
  login.searchParams.set("next", pathname);
  return NextResponse.redirect(login);
}

const SIGNED_IN_AREAS = ["/parcels", "/courier", "/admin"];
const isUnder = (pathname: string, area: string) => pathname === area || pathname.startsWith(`${area}/`);

const localeOf = (request: NextRequest) =>
  resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));

async function strangerScan(request: NextRequest, code: string) {
  const locale = localeOf(request);
  // Redis trouble is the page's to answer (it shows the masked view or an error), not the proxy's.
  const scan = await routeStrangerScan(appDeps(), code, requestMeta(request.headers), locale).catch(() => null);
  if (!scan) return renderWithNonce(request);
  if (scan.kind === "rate_limited") return throttledPage(locale, scan.retryAfterSeconds);
  return rewriteTo(request, scan.path);
}

async function sessionScan(request: NextRequest) {
  // A prefetch renders no page (so charges nothing); the page charges itself if it ever does.
  if (request.headers.has("next-router-prefetch")) return renderWithNonce(request);
  const charge = async () => {
    const viewer = viewerOf(await sessionFromRequest(request));
    return chargeLookup(appDeps(), viewer, requestMeta(request.headers));
  };
  // Redis trouble: the page charges and answers itself, as it would without this.
  const limit = await charge().catch(() => null);
  if (!limit) return renderWithNonce(request);
  if (!limit.allowed) return throttledPage(localeOf(request), limit.retryAfterSeconds);
  const headers = new Headers(request.headers);
  markLookupCharged(headers);
  return renderWithNonce(request, headers);
}

/** A rewrite within this server (never a fetch of another origin): nextUrl keeps the origin Next.js routes by. */
function rewriteTo(request: NextRequest, pathname: string) {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  url.search = "";
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: [
    // Every page; not the API, Next.js's own files, the service worker, icons, the manifest or
    // the scanner's WebAssembly, which need neither a nonce nor a redirect.
    "/((?!api/|_next/|sw\\.js|icons/|manifest\\.webmanifest|scan/engine/).*)",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
