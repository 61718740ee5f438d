import path from "node:path";
import type { RedisClient } from "@/lib/redis/client";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { failure, ok, type Result } from "@/lib/core/result";
import type { Env } from "@/lib/config/env";
import { hashPhoneNumber } from "@/lib/privacy/keys";
import { maskPhone } from "@/lib/privacy/mask";
import { OTP_MESSAGES } from "@/lib/i18n/auth-sentences";
import { normalizePhone } from "@/lib/privacy/phone";
import type { VerifiedUser } from "./credentials";
import { requestOtp, verifyOtp } from "./otp";
import { hashPassword } from "./password";
import { passwordProblem } from "./accounts";
import { smsSenderFromEnv } from "./sms-sender";

type Deps = { db: Database; redis: RedisClient; config: Env };

const phoneError = () => failure("invalid_input", "Enter a Korean phone number.", { phone: ["is not a phone number"] });

/** Step 1: a 6-digit code to the phone. The answer is the same whether or not an account exists. */
export async function sendSignupCode(
  deps: Deps,
  phone: string,
  callerIp: string | null,
): Promise<Result<{ sent: true }>> {
  const normalized = normalizePhone(phone);
  if (!normalized) return phoneError();
  const sender = smsSenderFromEnv(deps.config, path.join(process.cwd(), ".data"));
  const result = await requestOtp(deps.redis, sender, normalized, Date.now(), callerIp);
  if (!result.ok)
    return failure("throttled", `Wait ${result.retryAfterSeconds} seconds before asking for another code.`);
  return ok({ sent: true });
}

/**
 * Step 2: the code proves the phone; the account is created with the phone's
 * hash, which links it to every parcel for that phone from every carrier.
 */
export async function completeSignup(
  deps: Deps,
  input: { phone: string; code: string; password: string },
): Promise<Result<VerifiedUser>> {
  const normalized = normalizePhone(input.phone);
  if (!normalized) return phoneError();
  const problem = passwordProblem(input.password, { phone: normalized });
  if (problem) return failure("invalid_input", problem, { password: [problem] });
  const verdict = await verifyOtp(deps.redis, normalized, input.code);
  if (!verdict.ok)
    return failure("invalid_input", OTP_MESSAGES[verdict.reason], { code: [OTP_MESSAGES[verdict.reason]] });
  const phoneHash = hashPhoneNumber(normalized, deps.config)!;
  const [user] = await deps.db
    .insert(users)
    .values({
      role: "recipient",
      phoneHash,
      phoneMasked: maskPhone(normalized),
      passwordHash: await hashPassword(input.password),
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (!user) return failure("account_exists", "This phone already has an account. Log in instead.");
  return ok({ userId: user.id, role: "recipient", carrierId: null, phoneHash });
}
