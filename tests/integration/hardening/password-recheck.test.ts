import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { deleteRecipientAccount } from "@/lib/account/delete-account";
import { changePassword } from "@/lib/auth/accounts";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/core/session-user";
import { appDeps } from "@/lib/runtime/app-deps";
import { createCourierLogin, createRecipient, meta, randomIp, uniquePhone } from "../../support/fixtures";

/**
 * Changing the password and deleting the account ask for the password again. A session (a
 * borrowed phone, a stolen cookie) must not get more guesses at it there than the login gives:
 * a wrong one is a failed login, and once the login's buckets are empty the password is not
 * checked at all, the right one included.
 */
const PASSWORD = "recheck-pass-phrase-42";
const THROTTLED = {
  ok: false,
  error: { code: "throttled", message: "Too many attempts. Wait a moment and try again." },
};

const session = (user: { userId: string; carrierId?: string; phoneHash?: string }, role: SessionUser["role"]) =>
  ({
    jti: "test",
    userId: user.userId,
    role,
    carrierId: user.carrierId ?? null,
    phoneHash: user.phoneHash ?? null,
  }) as SessionUser;

describe("asking a signed-in user's password again is throttled like the login", () => {
  it("changing the password: ten wrong tries, then refused unchecked; the login from there is refused too", async () => {
    const courier = await createCourierLogin(PASSWORD);
    const user = session(courier, "courier");
    const from = meta();
    const codes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const result = await changePassword(appDeps(), user, { current: `wrong-${i}`, next: "new pass phrase 77" }, from);
      codes.push(result.ok ? "ok" : result.error.code);
    }
    expect(codes).toEqual([...Array<string>(10).fill("invalid_input"), ...Array<string>(5).fill("throttled")]);
    const right = await changePassword(appDeps(), user, { current: PASSWORD, next: "new pass phrase 77" }, from);
    expect(right).toEqual(THROTTLED);
    const login = { identifier: courier.email, password: PASSWORD };
    expect(await verifyCredentials(appDeps(), login, from)).toMatchObject({ ok: false, reason: "throttled" });
    // Unchanged: the owner logs in with the old password from elsewhere.
    expect(await verifyCredentials(appDeps(), login, meta(randomIp()))).toMatchObject({ ok: true });
  });

  it("deleting the account: ten wrong tries, then refused unchecked, and the account stays", async () => {
    const phone = uniquePhone();
    const recipient = await createRecipient(phone);
    await getDb()
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.id, recipient.userId));
    const user = session(recipient, "recipient");
    const from = meta();
    const codes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const result = await deleteRecipientAccount(appDeps(), user, `wrong-${i}`, from);
      codes.push(result.ok ? "ok" : result.error.code);
    }
    expect(codes).toEqual([...Array<string>(10).fill("invalid_input"), ...Array<string>(5).fill("throttled")]);
    expect(await deleteRecipientAccount(appDeps(), user, PASSWORD, from)).toEqual(THROTTLED);
    expect(await getDb().select().from(users).where(eq(users.id, recipient.userId))).toHaveLength(1);
    const login = { identifier: phone, password: PASSWORD };
    expect(await verifyCredentials(appDeps(), login, from)).toMatchObject({ ok: false, reason: "throttled" });
  });
});
