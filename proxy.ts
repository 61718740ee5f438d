import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { requestMeta } from "@/lib/http/request-meta";
import { guardServerAction } from "@/lib/http/server-action-guard";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { strangerLookupWait } from "@/lib/parcels/stranger-throttle";
import { throttledPage } from "@/lib/parcels/throttled-page";

/**
 * Next 16's proxy (formerly middleware). It never decides who may see what: every page,
 * action and route handler checks the session itself, because a cookie's presence says
 * nothing about whether it is valid or revoked. It does three cheap things before a render:
 * - server action requests (a `Next-Action` header) are checked for what Next.js would
 *   answer with a 500 (lib/http/server-action-guard.ts);
 * - visitors with no session cookie go to /login from the signed-in areas;
 * - a stranger whose lookups are throttled gets 429 with Retry-After for /p/{code}, which a
 *   page cannot answer itself; the page's own resolve still charges and checks every scan.
 */
export async function proxy(request: NextRequest) {
  if (request.headers.has("next-action")) return (await guardServerAction(request)) ?? NextResponse.next();
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (request.nextUrl.pathname.startsWith("/p/")) {
    if (hasSessionCookie) return NextResponse.next();
    return strangerPageGate(request);
  }
  if (hasSessionCookie) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("next", request.nextUrl.pathname);
  return NextResponse.redirect(login);
}

async function strangerPageGate(request: NextRequest) {
  // Redis trouble is the page's to answer (it shows the masked view or an error), not the gate's.
  const wait = await strangerLookupWait(requestMeta(request.headers)).catch(() => 0);
  if (wait === 0) return NextResponse.next();
  const locale = resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
  return throttledPage(locale, wait);
}

export const config = {
  matcher: [
    "/p/:code",
    "/parcels/:path*",
    "/courier/:path*",
    "/admin/:path*",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
