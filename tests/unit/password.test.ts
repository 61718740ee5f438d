import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

/** nice value of every thread of this process, by thread id (Linux: /proc/self/task/{tid}/stat field 19). */
function threadNices(): number[] {
  return fs.readdirSync("/proc/self/task").map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe("password hashing", () => {
  it("hashes with argon2id at the app's parameters and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery ")).toBe(false);
  });

  it("treats a malformed stored hash as a failed login, not a crash", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyPassword("", "")).toBe(false);
  });

  it("answers many concurrent verifications each with its own result", async () => {
    const [right, other] = await Promise.all([hashPassword("password-a"), hashPassword("password-b")]);
    const stored = Array.from({ length: 12 }, (_, i) => (i % 2 === 1 ? right : other));
    const results = await Promise.all(stored.map((hash) => verifyPassword(hash, "password-a")));
    expect(results).toEqual(stored.map((_, i) => i % 2 === 1));
  });

  it("hashes in threads of lower priority than the event loop", async () => {
    await hashPassword("warm the pool up");
    const nices = threadNices();
    expect(nices[0]).toBe(0); // the main thread (the event loop) keeps normal priority
    expect(nices.filter((nice) => nice >= 10).length).toBeGreaterThanOrEqual(1);
  });
});
