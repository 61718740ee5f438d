import "server-only";
import { env, type Env } from "@/lib/config/env";
import { normalizePhone } from "./phone";
import { deriveKey, phoneHash } from "./phone-hash";

let cached: { secret: string; key: Buffer } | undefined;

/** The HMAC key for phone hashes, derived once per secret (HKDF is cheap, but not free on a hot path). */
function phoneHashKey(config: Pick<Env, "AUTH_SECRET" | "PHONE_HASH_KEY">): Buffer {
  const secret = config.PHONE_HASH_KEY ?? config.AUTH_SECRET;
  if (cached?.secret !== secret) cached = { secret, key: deriveKey(secret, "phone-hash") };
  return cached.key;
}

/** The ownership key of a phone number as written by anyone, or null when it is not a phone number. */
export function hashPhoneNumber(
  phone: string,
  config: Pick<Env, "AUTH_SECRET" | "PHONE_HASH_KEY"> = env(),
): string | null {
  const normalized = normalizePhone(phone);
  return normalized === null ? null : hashNormalizedPhone(normalized, config);
}

/** hashPhoneNumber for what normalizePhone returned, without normalising it again. */
export function hashNormalizedPhone(normalized: string, config: Pick<Env, "AUTH_SECRET" | "PHONE_HASH_KEY">): string {
  return phoneHash(phoneHashKey(config), normalized);
}
