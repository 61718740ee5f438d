import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
 * `algorithm: 2` is Argon2id; the package exports that as a const enum, which
 * isolated-module builds cannot inline.
 */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes off the main thread (libuv pool), so logins never block other requests. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed login, never a crash
  }
}
