import { env } from "@/lib/config/env";
import { getRedis } from "@/lib/redis/client";
import { sessionFromToken } from "./session";
import type { SessionUser } from "./session-user";
import { sessionCookieName } from "./token";

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Route handlers' counterpart of the DAL's verifySession: same rules, read from the request. */
export async function sessionFromRequest(request: Request): Promise<SessionUser | null> {
  const config = env();
  const value = cookieValue(request.headers.get("cookie"), sessionCookieName(config));
  return sessionFromToken({ redis: getRedis(), config }, value);
}
