import { runInHashPool } from "./hash-pool";

/**
 * argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
 * `algorithm: 2` is Argon2id; the package exports that as a const enum, which
 * isolated-module builds cannot inline.
 */
export const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes in low-priority worker threads (./hash-pool.ts), so logins never slow other requests down. */
export async function hashPassword(password: string): Promise<string> {
  return String(await runInHashPool("hash", password, ARGON2ID));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return (await runInHashPool("verify", passwordHash, password)) === true;
  } catch {
    return false; // a malformed stored hash is a failed login, never a crash
  }
}
