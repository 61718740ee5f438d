import { decode, encode } from "next-auth/jwt";
import type { Env } from "@/lib/config/env";
import { SESSION_COOKIES } from "./cookies";
import { sessionUserOf, type SessionUser } from "@/lib/core/session-user";

/**
 * The session cookie is next-auth's JWT (encrypted, so the claims are not even
 * readable by the browser); its session id must also be live in Redis. The id
 * travels as `sid`: next-auth's encoder overwrites `jti` with a fresh uuid. The `__Secure-`
 * name and the Secure flag are used whenever the site is served over https.
 */
type TokenConfig = Pick<Env, "AUTH_SECRET" | "PUBLIC_URL" | "SESSION_MAX_HOURS">;

export function sessionCookieName(config: Pick<Env, "PUBLIC_URL">): string {
  const [secure, plain] = SESSION_COOKIES;
  return isSecure(config) ? secure : plain;
}

function isSecure(config: Pick<Env, "PUBLIC_URL">): boolean {
  return config.PUBLIC_URL.startsWith("https://");
}

export function sessionCookieOptions(config: TokenConfig) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: isSecure(config),
    path: "/",
    maxAge: config.SESSION_MAX_HOURS * 3600,
  };
}

/**
 * The Set-Cookie value for a new session, for the login route's own Response (next/headers'
 * cookies() is not what a route handler returns). The value is a JWE in compact form
 * (base64url and dots), which a cookie carries unquoted.
 */
export function sessionSetCookie(config: TokenConfig, token: string): string {
  const options = sessionCookieOptions(config);
  return [
    `${sessionCookieName(config)}=${token}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** A session token written by next-auth's own `encode`, so its endpoints (/api/auth/session) read it. */
export async function mintSessionToken(user: SessionUser, config: TokenConfig): Promise<string> {
  const claims = {
    sub: user.userId,
    sid: user.jti,
    role: user.role,
    carrierId: user.carrierId,
    phoneHash: user.phoneHash,
  };
  return encode({ token: claims, secret: config.AUTH_SECRET, maxAge: config.SESSION_MAX_HOURS * 3600 });
}

/** The claims of a cookie value, or null for anything not minted with our secret (or expired). */
export async function readSessionToken(value: string, config: Pick<Env, "AUTH_SECRET">): Promise<SessionUser | null> {
  let token: Awaited<ReturnType<typeof decode>>;
  try {
    token = await decode({ token: value, secret: config.AUTH_SECRET });
  } catch {
    return null; // not a JWE of ours: altered, another secret, or not a token at all
  }
  if (!token?.sub || typeof token.sid !== "string") return null;
  const role = token.role;
  if (role !== "recipient" && role !== "courier" && role !== "admin") return null;
  return sessionUserOf({
    jti: token.sid,
    userId: token.sub,
    role,
    carrierId: typeof token.carrierId === "string" ? token.carrierId : null,
    phoneHash: typeof token.phoneHash === "string" ? token.phoneHash : null,
  });
}
