import type { RedisClient } from "@/lib/redis/client";
import { failure, type Result } from "@/lib/core/result";
import type { RequestMeta } from "@/lib/core/request-meta";
import { throttleKey } from "./identifier";
import { TOO_MANY_ATTEMPTS } from "@/lib/i18n/auth-sentences";
import { checkLogin, recordLoginFailure } from "./login-throttle";
import { verifyPassword } from "./password";

/** The account whose password is asked again, as its row has it (staff log in by email, recipients by phone). */
export type PasswordOwner = { email: string | null; phoneHash: string | null; hash: string };
export type PasswordCheck = "right" | "wrong" | "throttled";

/**
 * A signed-in user's password asked again (to change it, to delete the account). A session is
 * no reason to guess faster than the login page: a wrong password is a failed login of the same
 * account from the same address (login-throttle.ts), and a throttled try never reaches the hash.
 */
export async function recheckPassword(
  redis: RedisClient,
  owner: PasswordOwner,
  password: string,
  meta: RequestMeta,
): Promise<PasswordCheck> {
  const attempt = { account: loginAccount(owner), ip: meta.ip ?? "unknown" };
  if (!(await checkLogin(redis, attempt)).allowed) return "throttled";
  if (await verifyPassword(owner.hash, password)) return "right";
  await recordLoginFailure(redis, attempt);
  return "wrong";
}

/** What a form shows once the login's buckets are empty (the login page's own words). */
export const tooManyAttempts = (): Result<never> => failure("throttled", TOO_MANY_ATTEMPTS);

/** The account's key in the login's buckets: every account has an email or a phone (users_identity_by_role). */
function loginAccount({ email, phoneHash }: PasswordOwner): string {
  if (email) return throttleKey({ kind: "email", email }, email);
  return throttleKey(phoneHash ? { kind: "phone", phoneHash } : null, "");
}
