import { and, eq, isNull, sql } from "drizzle-orm";
import type { RedisClient } from "@/lib/redis/client";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { failure, ok, type Result } from "@/lib/core/result";
import { PASSWORD_MESSAGES } from "@/lib/i18n/auth-sentences";
import { freeText } from "@/lib/validation/free-text";
import type { RequestMeta } from "@/lib/core/request-meta";
import { hashPassword } from "./password";
import { recheckPassword, tooManyAttempts } from "./password-recheck";
import { checkPassword } from "./password-policy";
import { clearPasswordChange, listUserSessions, revokeSession, revokeUserSessions } from "./session-store";
import type { SessionUser } from "@/lib/core/session-user";

type Deps = { db: Database; redis: RedisClient };

export function passwordProblem(password: string, context: { phone?: string; email?: string } = {}): string | null {
  const verdict = checkPassword(password, context);
  return verdict.ok ? null : PASSWORD_MESSAGES[verdict.reason];
}

/**
 * Changing the password ends every other session of the user at once; this one stays. A
 * temporary password (an admin's) is changed here too, which frees this session (it may not
 * be reused as the new one).
 */
export async function changePassword(
  deps: Deps,
  user: SessionUser,
  input: { current: string; next: string },
  meta: RequestMeta,
): Promise<Result<{ endedSessions: number }>> {
  const [row] = await deps.db
    .select({
      hash: users.passwordHash,
      email: users.email,
      phoneHash: users.phoneHash,
      temporary: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.id, user.userId));
  const check = row ? await recheckPassword(deps.redis, row, input.current, meta) : "wrong";
  if (check === "throttled") return tooManyAttempts();
  if (!row || check === "wrong") {
    return failure("invalid_input", "The current password is wrong.", { current: ["is wrong"] });
  }
  const problem = passwordProblem(input.next, { email: row.email ?? undefined });
  if (problem) return failure("invalid_input", problem, { next: [problem] });
  if (row.temporary && input.next === input.current) {
    return failure("invalid_input", PASSWORD_MESSAGES.same_as_temporary, {
      next: [PASSWORD_MESSAGES.same_as_temporary],
    });
  }
  await deps.db
    .update(users)
    .set({ passwordHash: await hashPassword(input.next), passwordChangedAt: sql`now()`, mustChangePassword: false })
    .where(eq(users.id, user.userId));
  const endedSessions = await revokeUserSessions(deps.redis, user.userId, { except: user.jti });
  if (row.temporary) await clearPasswordChange(deps.redis, { userId: user.userId, jti: user.jti });
  return ok({ endedSessions });
}

/** Ends one of the user's own sessions; someone else's jti is treated as not found. */
export async function endOwnSession(redis: RedisClient, user: SessionUser, jti: string): Promise<Result<null>> {
  const own = await listUserSessions(redis, user.userId);
  if (!own.some((session) => session.jti === jti)) return failure("not_found", "That session has already ended.");
  await revokeSession(redis, { userId: user.userId, jti });
  return ok(null);
}

/** What a carrier admin sends to create a staff account; the display name is free text. */
export const staffInputSchema = z.object({
  email: z.email("must be an email address").max(254),
  password: z.string().max(1024),
  displayName: freeText(100).optional(),
  role: z.enum(["courier", "admin"]).default("courier"),
});

/**
 * An admin creates a courier (or another admin) of their own carrier. `temporary`: the password
 * is one the admin hands over, to be changed at first login (lib/auth/first-password.ts); the
 * operator's `admin:create` sets a password the admin typed themselves.
 */
export async function createStaffAccount(
  db: Database,
  carrierId: string,
  input: { role: "courier" | "admin"; email: string; password: string; displayName?: string },
  options: { temporary?: boolean } = {},
): Promise<Result<{ userId: string }>> {
  const email = input.email.trim().toLowerCase();
  const problem = passwordProblem(input.password, { email });
  if (problem) return failure("invalid_input", problem, { password: [problem] });
  const [created] = await db
    .insert(users)
    .values({
      role: input.role,
      carrierId,
      email,
      displayName: input.displayName ?? null,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: options.temporary ?? false,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!created) return failure("invalid_input", "An account with this email already exists.", { email: ["is taken"] });
  return ok({ userId: created.id });
}

/**
 * Disables a staff account of the admin's carrier and ends its sessions on every
 * server at once. An account of another carrier is "not found".
 */
export async function disableStaffAccount(
  deps: Deps,
  carrierId: string,
  userId: string,
): Promise<Result<{ endedSessions: number }>> {
  const [row] = await deps.db
    .update(users)
    .set({ disabledAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(users.carrierId, carrierId), isNull(users.disabledAt)))
    .returning({ id: users.id });
  if (!row) return failure("not_found", "No such active account in your carrier.");
  return ok({ endedSessions: await revokeUserSessions(deps.redis, userId) });
}

/** An admin ends every session of one of their carrier's staff (e.g. a lost phone). */
export async function revokeStaffSessions(
  deps: Deps,
  carrierId: string,
  userId: string,
): Promise<Result<{ endedSessions: number }>> {
  const [row] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.carrierId, carrierId)));
  if (!row) return failure("not_found", "No such account in your carrier.");
  return ok({ endedSessions: await revokeUserSessions(deps.redis, userId) });
}
