import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import type { RedisClient } from "@/lib/redis/client";
import { consumeTokens, type BucketPolicy } from "@/lib/rate-limit/token-bucket";
import { luaCommand } from "@/lib/redis/lua-command";
import type { SmsSender } from "./sms-sender";

/**
 * One-time codes that prove a recipient owns the phone they sign up with. A code
 * is 6 digits, lives 5 minutes, allows 5 tries and works once. Redis keeps only a
 * hash of it, bound to the phone, and the phone itself only as a hash in key names.
 */
export type OtpRequestResult = { ok: true } | { ok: false; retryAfterSeconds: number };
export type OtpVerifyResult = { ok: true } | { ok: false; reason: "invalid" | "expired" | "too_many_attempts" };

const OTP_TTL_MS = 5 * 60_000;
const OTP_MAX_ATTEMPTS = 5;
// A resend at most once a minute and 5 an hour per phone: each text costs money and
// each new code buys an attacker 5 more guesses (25 an hour out of a million).
const PER_MINUTE: BucketPolicy = { name: "otp-send-minute", capacity: 1, refillPerHour: 60 };
const PER_HOUR: BucketPolicy = { name: "otp-send-hour", capacity: 5, refillPerHour: 5 };
// And 10 an hour per caller IP, whatever the phones: one address cannot have codes texted to
// phone after phone. High enough for a shared (carrier-grade NAT) address at sign-up rates.
const PER_CALLER: BucketPolicy = { name: "otp-send-ip", capacity: 10, refillPerHour: 10 };

// Counts the try before the caller compares, so parallel guesses cannot exceed
// the limit; the counter lives in the code's own key and never outlives it.
const TRY_SCRIPT = `
local state = redis.call('HMGET', KEYS[1], 'hash', 'expiresAt')
if not state[2] then return { 'expired' } end
if tonumber(ARGV[1]) >= tonumber(state[2]) then
  redis.call('DEL', KEYS[1])
  return { 'expired' }
end
if not state[1] then return { 'too_many_attempts' } end
local tries = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
return { 'check', state[1], tries }
`;
const TRY = "exqOtpTry";
type TryReply = ["expired" | "too_many_attempts"] | ["check", string, number];
type WithTry = { [TRY](key: string, now: number): Promise<TryReply> };

const withTry = luaCommand<WithTry>(TRY, TRY_SCRIPT, 1);

const phoneId = (phone: string) => createHash("sha256").update(`otp-phone:${phone}`).digest("base64url");
const otpKey = (phone: string) => `otp:${phoneId(phone)}`;
const codeHash = (phone: string, code: string) => createHash("sha256").update(`${phone}:${code}`).digest("base64url");

/** The text of the message; exported so tests and the local outbox reader agree on it. */
export function otpText(code: string): string {
  return `[EXQRESS] 인증번호 ${code} (5분 안에 입력하세요)`;
}

/**
 * Sends a new code to `normalizedPhone`, replacing any earlier one, unless the caller's IP
 * or the phone asked too often. A failed send throws and still counts as a request.
 */
export async function requestOtp(
  redis: RedisClient,
  sender: SmsSender,
  normalizedPhone: string,
  now: number = Date.now(),
  callerIp: string | null = null,
): Promise<OtpRequestResult> {
  const id = phoneId(normalizedPhone);
  const charges: [BucketPolicy, string][] = [
    [PER_CALLER, callerIp ?? "unknown"],
    [PER_MINUTE, id],
    [PER_HOUR, id],
  ];
  for (const [policy, bucketId] of charges) {
    const bucket = await consumeTokens(redis, policy, bucketId, 1, now);
    if (!bucket.allowed) return { ok: false, retryAfterSeconds: bucket.retryAfterSeconds };
  }
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  const key = otpKey(normalizedPhone);
  await redis
    .multi()
    .del(key)
    .hset(key, { hash: codeHash(normalizedPhone, code), expiresAt: now + OTP_TTL_MS, attempts: 0 })
    .pexpire(key, OTP_TTL_MS)
    .exec();
  await sender.send(normalizedPhone, otpText(code));
  return { ok: true };
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a code. A right one is used up; the last allowed wrong one burns the code,
 * so afterwards even the right one fails with "too_many_attempts" until a new code.
 */
export async function verifyOtp(
  redis: RedisClient,
  normalizedPhone: string,
  code: string,
  now: number = Date.now(),
): Promise<OtpVerifyResult> {
  const key = otpKey(normalizedPhone);
  const reply = await withTry(redis)[TRY](key, now);
  if (reply[0] !== "check") return { ok: false, reason: reply[0] };
  const [, stored, tries] = reply;
  if (tries > OTP_MAX_ATTEMPTS) return { ok: false, reason: "too_many_attempts" };

  if (sameHash(stored, codeHash(normalizedPhone, code.trim()))) {
    // Whoever deletes the key used the code; a parallel request with the same code gets "expired".
    return (await redis.del(key)) === 1 ? { ok: true } : { ok: false, reason: "expired" };
  }
  if (tries < OTP_MAX_ATTEMPTS) return { ok: false, reason: "invalid" };
  await redis.hdel(key, "hash"); // burned: the key stays until it expires, to say why
  return { ok: false, reason: "too_many_attempts" };
}
