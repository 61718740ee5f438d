import type { RedisClient } from "@/lib/redis/client";
import type { Env } from "@/lib/config/env";
import type { RequestMeta } from "@/lib/core/request-meta";
import type { VerifiedUser } from "./credentials";
import { createSession, readSession, revokeSession, type SessionPolicy, type SessionRef } from "./session-store";
import { sessionUserOf, type SessionUser } from "@/lib/core/session-user";
import { mintSessionToken, readSessionToken } from "./token";

type Config = Pick<
  Env,
  "AUTH_SECRET" | "PUBLIC_URL" | "SESSION_MAX_HOURS" | "SESSION_IDLE_MINUTES" | "COURIER_IDLE_MINUTES"
>;
export type SessionDeps = { redis: RedisClient; config: Config };

/** The session TTLs of the configuration. */
export const sessionPolicy = (config: Config): SessionPolicy => ({
  idleMinutes: config.SESSION_IDLE_MINUTES,
  courierIdleMinutes: config.COURIER_IDLE_MINUTES,
  maxHours: config.SESSION_MAX_HOURS,
});

/**
 * A new session (a new jti, every login) and the cookie value that carries it. `clearFailures`
 * (from verifyCredentials) are deleted in the same Redis round trip as the session is written.
 */
export async function startSession(
  deps: SessionDeps,
  user: VerifiedUser,
  meta: RequestMeta,
  clearFailures: readonly string[] = [],
) {
  const data = {
    userId: user.userId,
    role: user.role,
    carrierId: user.carrierId,
    phoneHash: user.phoneHash,
    ip: meta.ip,
    userAgent: meta.userAgent,
    ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
  };
  const record = await createSession(deps.redis, sessionPolicy(deps.config), data, Date.now(), clearFailures);
  const sessionUser = sessionUserOf({ ...user, jti: record.jti });
  if (!sessionUser) throw new Error("a courier or admin account without a carrier cannot sign in");
  return { user: sessionUser, token: await mintSessionToken(sessionUser, deps.config) };
}

/**
 * The user behind a cookie value, or null. A valid signature is not enough: the
 * jti must still be in Redis (revoked, expired or flushed means logged out). If
 * Redis does not answer this throws, and callers answer 503: it never fails open.
 * Who the user is (role, carrier, phone hash) comes from the server's record; a token
 * whose claims say otherwise was not minted for that session and counts as none.
 * A session whose password is temporary counts as none too, unless `pendingPassword` is
 * "allow": only the password change (and its page) may use it (lib/auth/first-password.ts).
 */
export async function sessionFromToken(
  deps: SessionDeps,
  value: string | undefined,
  pendingPassword: "refuse" | "allow" = "refuse",
): Promise<SessionUser | null> {
  if (!value) return null;
  const claims = await readSessionToken(value, deps.config);
  if (!claims) return null;
  const record = await readSession(deps.redis, sessionPolicy(deps.config), claims);
  if (!record) return null;
  if (record.mustChangePassword && pendingPassword === "refuse") return null;
  const user = sessionUserOf({
    jti: record.jti,
    userId: record.userId,
    role: record.role,
    carrierId: record.carrierId,
    phoneHash: record.phoneHash,
  });
  if (!user) return null;
  const agrees = (Object.keys(user) as (keyof SessionUser)[]).every((key) => user[key] === claims[key]);
  return agrees ? user : null;
}

/** Ends the session of this cookie value; returns whose and which it was, if it was one. */
export async function endSession(deps: SessionDeps, value: string | undefined): Promise<SessionRef | null> {
  const claims = value ? await readSessionToken(value, deps.config) : null;
  if (claims) await revokeSession(deps.redis, claims);
  return claims;
}
