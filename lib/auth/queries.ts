import "server-only";
import { getRedis } from "@/lib/redis/client";
import { listUserSessions } from "./session-store";
import type { SessionUser } from "@/lib/core/session-user";

/** The signed-in user's own live sessions, for the account screens (never anyone else's). */
export function ownSessions(user: SessionUser) {
  return listUserSessions(getRedis(), user.userId);
}
