import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "./security-headers";

/**
 * Lets a page rendered for this request run only the inline scripts Next.js writes into it: a
 * fresh nonce in the request's Content-Security-Policy (Next.js reads it from there and puts it
 * on every script it renders) and the same policy on the response, replacing next.config.js's
 * 'unsafe-inline' one. `headers`: the request's, with whatever else proxy.ts tells the page.
 */
export function renderWithNonce(request: NextRequest, headers = new Headers(request.headers)): NextResponse {
  const policy = contentSecurityPolicy(process.env.NODE_ENV === "production", randomBytes(16).toString("base64"));
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}
