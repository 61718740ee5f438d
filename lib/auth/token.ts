import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { Env } from "@/lib/config/env";
import { SESSION_COOKIES } from "./cookies";
import { sessionUserOf, type SessionUser } from "./session-user";

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

/**
 * next-auth's JWE key for a secret (its `encode`/`decode` format: HKDF-SHA256, empty salt, this
 * info string), derived once per secret. next-auth derives it again on the thread pool for
 * every token it reads or writes; every login and every signed-in request here did that too.
 */
let derived: { secret: string; key: Uint8Array } | undefined;

function encryptionKey(secret: string): Uint8Array {
  if (derived?.secret !== secret) {
    derived = {
      secret,
      key: new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32)),
    };
  }
  return derived.key;
}

/** A token exactly as next-auth's `encode` writes it, so its own endpoints (/api/auth/session) read ours. */
export async function mintSessionToken(user: SessionUser, config: TokenConfig): Promise<string> {
  const claims = {
    sub: user.userId,
    sid: user.jti,
    role: user.role,
    carrierId: user.carrierId,
    phoneHash: user.phoneHash,
  };
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + config.SESSION_MAX_HOURS * 3600)
    .setJti(randomUUID())
    .encrypt(encryptionKey(config.AUTH_SECRET));
}

/** The claims of a cookie value, or null for anything not minted with our secret (or expired). */
export async function readSessionToken(value: string, config: Pick<Env, "AUTH_SECRET">): Promise<SessionUser | null> {
  try {
    // The clock tolerance of next-auth's `decode`.
    const { payload: token } = await jwtDecrypt(value, encryptionKey(config.AUTH_SECRET), { clockTolerance: 15 });
    if (!token.sub || typeof token.sid !== "string") return null;
    const role = token.role;
    if (role !== "recipient" && role !== "courier" && role !== "admin") return null;
    return sessionUserOf({
      jti: token.sid,
      userId: token.sub,
      role,
      carrierId: typeof token.carrierId === "string" ? token.carrierId : null,
      phoneHash: typeof token.phoneHash === "string" ? token.phoneHash : null,
    });
  } catch {
    return null;
  }
}
