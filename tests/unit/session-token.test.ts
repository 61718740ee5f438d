import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { mintSessionToken, readSessionToken } from "@/lib/auth/token";
import type { SessionUser } from "@/lib/core/session-user";

const config = {
  AUTH_SECRET: "a-test-secret-of-at-least-32-characters!",
  PUBLIC_URL: "http://localhost",
  SESSION_MAX_HOURS: 12,
};
const courier: SessionUser = {
  jti: "session-id-1",
  userId: "8b0c6d1e-2f35-4a6b-9c7d-0e1f2a3b4c5d",
  role: "courier",
  carrierId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  phoneHash: null,
};
const claimsOf = (user: SessionUser) => ({
  sub: user.userId,
  sid: user.jti,
  role: user.role,
  carrierId: user.carrierId,
  phoneHash: user.phoneHash,
});

describe("session tokens", () => {
  it("are next-auth's JWE: its own decode reads ours, with our claims and expiry", async () => {
    const token = await mintSessionToken(courier, config);
    const read = await decode({ token, secret: config.AUTH_SECRET });
    expect(read).toMatchObject(claimsOf(courier));
    const now = Math.floor(Date.now() / 1000);
    expect(read?.exp).toBeGreaterThanOrEqual(now + 12 * 3600 - 5);
    expect(read?.exp).toBeLessThanOrEqual(now + 12 * 3600 + 5);
    expect(typeof read?.jti).toBe("string");
  });

  it("read what next-auth's own encode wrote (its /api/auth endpoints mint them too)", async () => {
    const token = await encode({ token: claimsOf(courier), secret: config.AUTH_SECRET, maxAge: 3600 });
    expect(await readSessionToken(token, config)).toEqual(courier);
  });

  it("refuse a token of another secret, an expired one and an altered one", async () => {
    const other = await encode({ token: claimsOf(courier), secret: "another-secret-of-32-characters-or-more" });
    expect(await readSessionToken(other, config)).toBeNull();
    const expired = await encode({ token: claimsOf(courier), secret: config.AUTH_SECRET, maxAge: -60 });
    expect(await readSessionToken(expired, config)).toBeNull();
    const token = await mintSessionToken(courier, config);
    const parts = token.split(".");
    const body = parts[3]!;
    parts[3] = (body[0] === "A" ? "B" : "A") + body.slice(1);
    expect(await readSessionToken(parts.join("."), config)).toBeNull();
    expect(await readSessionToken("not-a-token", config)).toBeNull();
  });

  it("follow a change of secret: the key derived for the old one is not reused", async () => {
    const rotated = { ...config, AUTH_SECRET: "the-rotated-secret-of-32-characters-or-more" };
    const before = await mintSessionToken(courier, config);
    const after = await mintSessionToken(courier, rotated);
    expect(await readSessionToken(after, rotated)).toEqual(courier);
    expect(await readSessionToken(before, rotated)).toBeNull();
    expect(await readSessionToken(before, config)).toEqual(courier);
    expect(await decode({ token: after, secret: rotated.AUTH_SECRET })).toMatchObject(claimsOf(courier));
  });

  it("refuse claims that are not a session of ours (no session id, unknown role)", async () => {
    const noSid = await encode({ token: { sub: courier.userId, role: "courier" }, secret: config.AUTH_SECRET });
    expect(await readSessionToken(noSid, config)).toBeNull();
    const root = await encode({ token: { ...claimsOf(courier), role: "root" }, secret: config.AUTH_SECRET });
    expect(await readSessionToken(root, config)).toBeNull();
  });
});
