import "server-only";
/**
 * Keyed phone-number hashes, for lookups ("which parcels are for this phone?")
 * without storing the number in the clear.
 *
 * A plain SHA-256 of a phone number is worthless as protection: there are only
 * ~10^8 Korean mobile numbers, so the whole space can be hashed in seconds.
 * HMAC with a server-side key makes that precomputation impossible for anyone
 * who has the database but not the key.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

const HASH_KEY_BYTES = 32;
/** Minimum secret length for deriveKey; below this it is a password, not a key. */
const MIN_SECRET_CHARS = 16;
/**
 * Fixed, application-specific HKDF salt. The secret is expected to be
 * high-entropy already; the salt only separates our derivations from any other
 * system that might (wrongly) reuse the same secret.
 */
const HKDF_SALT = "exqress/hkdf/v1";

/**
 * Derives an independent 32-byte key for `purpose` (e.g. "phone-hash") from
 * one application secret, so a leak of one derived key reveals nothing about
 * the others or the secret.
 */
export function deriveKey(secret: string, purpose: string): Buffer {
  if (typeof secret !== "string" || secret.length < MIN_SECRET_CHARS) {
    throw new Error(`deriveKey: secret must be at least ${MIN_SECRET_CHARS} characters`);
  }
  if (typeof purpose !== "string" || purpose === "") {
    throw new Error("deriveKey: purpose must be a non-empty string");
  }
  return Buffer.from(hkdfSync("sha256", secret, HKDF_SALT, purpose, HASH_KEY_BYTES));
}

/**
 * HMAC-SHA256 of an already-normalised phone number (e.g. "01012345678"),
 * as 64 lowercase hex characters. Normalisation is the caller's job: the same
 * number written two ways must reach this function as the same string.
 */
export function phoneHash(hmacKey: Buffer, normalizedPhone: string): string {
  // A short or empty key would make the hash as guessable as an unkeyed one.
  if (hmacKey.length < HASH_KEY_BYTES) {
    throw new Error(`phoneHash: key must be at least ${HASH_KEY_BYTES} bytes`);
  }
  if (normalizedPhone === "") throw new Error("phoneHash: phone must not be empty");
  return createHmac("sha256", hmacKey).update(normalizedPhone, "utf8").digest("hex");
}

/** Constant-time comparison of two hex hashes; false on any length mismatch. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  // Lengths are public (always 64 for our hashes), so an early exit leaks nothing.
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
