import "server-only";
import type { z } from "zod";
import { verifySession, verifySessionAllowingPasswordChange } from "@/lib/auth/dal";
import { hasRole, type Role, type SessionUser, type UserWithRole } from "@/lib/core/session-user";
import { localizeResult } from "@/lib/i18n/server-messages";
import { failure, type Result } from "@/lib/core/result";
import { invalidInput } from "./result";

/**
 * The one wrapper for server actions that need a signed-in user: session first
 * (an unauthenticated caller learns nothing, not even which fields are wrong),
 * then the role, then the input schema, then the lib function. Exported actions
 * are public HTTP endpoints, so none skips this.
 *
 * A session whose password is temporary (an admin set it) is no session here, except for an
 * action declared with `{ pendingPassword: "allow" }`: the password change itself.
 */
export function authAction<R extends Role, Schema extends z.ZodType, T>(
  roles: readonly R[],
  schema: Schema,
  handler: (input: z.output<Schema>, user: UserWithRole<R>) => Promise<Result<T>>,
  options: { pendingPassword?: "refuse" | "allow" } = {},
): (input: unknown) => Promise<Result<T>> {
  const who = options.pendingPassword === "allow" ? verifySessionAllowingPasswordChange : verifySession;
  // Every failure reaches the page in the reader's language (lib/i18n/server-messages.ts).
  return async (input) => localizeResult(await run(input));
  async function run(input: unknown): Promise<Result<T>> {
    let user: SessionUser | null;
    try {
      user = await who();
    } catch {
      return failure("unavailable", "Sign-in is unavailable right now. Try again shortly.");
    }
    if (!user) return failure("unauthorized", "Log in first.");
    if (!hasRole(user, roles)) return failure("forbidden", "Your account may not do this.");
    const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    if (!parsed.success) return invalidInput(parsed.error);
    return handler(parsed.data, user);
  }
}

export const ALL_ROLES: readonly Role[] = ["recipient", "courier", "admin"];
