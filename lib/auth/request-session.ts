import { env } from "@/lib/config/env";
import { cookieValue } from "@/lib/core/cookie-value";
import { getRedis } from "@/lib/redis/client";
import { sessionFromToken } from "./session";
import type { SessionUser } from "@/lib/core/session-user";
import { sessionCookieName } from "./token";

/** Route handlers' counterpart of the DAL's verifySession: same rules, read from the request. */
export async function sessionFromRequest(request: Request): Promise<SessionUser | null> {
  const config = env();
  const value = cookieValue(request.headers.get("cookie"), sessionCookieName(config));
  return sessionFromToken({ redis: getRedis(), config }, value);
}
