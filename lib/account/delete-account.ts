import "server-only";
import { and, eq } from "drizzle-orm";
import type { RedisClient } from "@/lib/redis/client";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { failure, ok, type Result } from "@/lib/core/result";
import { revokeUserSessions } from "@/lib/auth/session-store";
import type { SessionUser } from "@/lib/core/session-user";
import { recheckPassword, tooManyAttempts } from "@/lib/auth/password-recheck";
import type { RequestMeta } from "@/lib/core/request-meta";

/**
 * A recipient deletes their account: the row with its phone hash goes, so no parcel is linked
 * to anyone any more; the parcels stay with their carriers (they are the carriers' records).
 * Messages the recipient wrote and their devices' push subscriptions go with the row (foreign key
 * cascade); reports stay, anonymous.
 * Every session ends at once. The password is asked again: a borrowed unlocked phone must not do it.
 */
export async function deleteRecipientAccount(
  deps: { db: Database; redis: RedisClient },
  user: SessionUser,
  password: string,
  meta: RequestMeta,
): Promise<Result<null>> {
  const [row] = await deps.db
    .select({ hash: users.passwordHash, email: users.email, phoneHash: users.phoneHash })
    .from(users)
    .where(and(eq(users.id, user.userId), eq(users.role, "recipient")));
  const check = row ? await recheckPassword(deps.redis, row, password, meta) : "wrong";
  if (check === "throttled") return tooManyAttempts();
  if (check === "wrong") {
    return failure("invalid_input", "The password is wrong.", { password: ["is wrong"] });
  }
  await deps.db.delete(users).where(eq(users.id, user.userId));
  await revokeUserSessions(deps.redis, user.userId);
  return ok(null);
}
