import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/cookies";
import { guardServerAction } from "@/lib/http/server-action-guard";

/**
 * Next 16's proxy (formerly middleware). For pages it only saves a round trip by
 * sending visitors with no session cookie to /login; it never decides who may see
 * what. Every page, action and route handler checks the session itself, because a
 * cookie's presence says nothing about whether it is valid or revoked. Server action
 * requests (a `Next-Action` header) are checked for what Next.js would answer with a
 * 500 (lib/http/server-action-guard.ts).
 */
export async function proxy(request: NextRequest) {
  if (request.headers.has("next-action")) return (await guardServerAction(request)) ?? NextResponse.next();
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSessionCookie) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("next", request.nextUrl.pathname);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: [
    "/parcels/:path*",
    "/courier/:path*",
    "/admin/:path*",
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
  ],
};
