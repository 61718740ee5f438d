import { hashPhoneNumber } from "@/lib/privacy/keys";
import type { Env } from "@/lib/config/env";

/** One "Phone or email" field: staff log in by email, recipients by phone. */
export type Identifier = { kind: "email"; email: string } | { kind: "phone"; phoneHash: string };

export function parseIdentifier(raw: string, config: Pick<Env, "AUTH_SECRET" | "PHONE_HASH_KEY">): Identifier | null {
  const value = raw.trim();
  if (value.includes("@")) {
    const email = value.toLowerCase();
    return /^[^\s@]{1,64}@[^\s@]{1,190}$/.test(email) ? { kind: "email", email } : null;
  }
  const phoneHash = hashPhoneNumber(value, config);
  return phoneHash ? { kind: "phone", phoneHash } : null;
}

/** The throttling key of an identifier: the same for every spelling, and no plaintext in Redis. */
export function throttleKey(identifier: Identifier | null, raw: string): string {
  if (identifier?.kind === "email") return `e:${identifier.email}`;
  if (identifier?.kind === "phone") return `p:${identifier.phoneHash}`;
  return `x:${raw.trim().toLowerCase().slice(0, 200)}`;
}
