import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/cookies";

/**
 * Next 16's proxy (formerly middleware). It only saves a round trip by sending
 * visitors with no session cookie to /login; it never decides who may see what.
 * Every page, action and route handler checks the session itself, because a
 * cookie's presence says nothing about whether it is valid or revoked.
 */
export function proxy(request: NextRequest) {
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSessionCookie) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("next", request.nextUrl.pathname);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/parcels/:path*", "/courier/:path*", "/admin/:path*"],
};
