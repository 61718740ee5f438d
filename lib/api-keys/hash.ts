import { createHash } from "node:crypto";

/**
 * API keys are long random strings, so a fast unsalted hash is enough to make a
 * stolen table useless, and it lets a request find its key with one index lookup.
 */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The first characters, kept in clear so an admin can tell keys apart. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, 8);
}
