import { beforeAll, describe, expect, it } from "vitest";
import { POST as loginHandler } from "@/app/api/auth/login/route";
import { sessionFromToken } from "@/lib/auth/session";
import { env } from "@/lib/config/env";
import { cookieValue } from "@/lib/core/cookie-value";
import { getRedis } from "@/lib/redis/client";
import { createCourierLogin, randomIp } from "../support/fixtures";

/**
 * The one login door (app/api/auth/login/route.ts), called with a web Request as Next.js
 * calls it, against real PostgreSQL and Redis.
 */
const PASSWORD = "route-door-pass-42";
let email: string;
let userId: string;

beforeAll(async () => {
  ({ userId, email } = await createCourierLogin(PASSWORD));
});

function login(body: BodyInit, headers: Record<string, string> = {}) {
  const origin = env().PUBLIC_URL;
  return loginHandler(
    new Request(`${origin}/api/auth/login`, {
      method: "POST",
      headers: { origin, "x-forwarded-for": randomIp(), ...headers },
      body,
    }),
  );
}
const json = { "content-type": "application/json" };

async function sessionUser(response: Response) {
  const value = cookieValue(response.headers.getSetCookie()[0]?.split(";")[0], "next-auth.session-token");
  return sessionFromToken({ redis: getRedis(), config: env() }, value);
}

describe("POST /api/auth/login as a route handler", () => {
  it("logs in from JSON: a live session cookie, no-store, the role's home", async () => {
    const response = await login(JSON.stringify({ identifier: email, password: PASSWORD }), json);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ ok: true, role: "courier", redirectTo: "/courier" });
    expect(await sessionUser(response)).toMatchObject({ userId, role: "courier" });
  });

  it("logs in from a urlencoded and from a multipart form, redirecting to the page asked for", async () => {
    const fields = { identifier: email, password: PASSWORD, next: "/courier/route" };
    const multipart = new FormData();
    for (const [name, value] of Object.entries(fields)) multipart.set(name, value);
    for (const body of [new URLSearchParams(fields), multipart]) {
      const response = await login(body);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/courier/route");
      expect(await sessionUser(response)).toMatchObject({ userId });
    }
  });

  it("answers malformed JSON and a JSON array with 400 naming what to enter, and sets no cookie", async () => {
    for (const body of ["{not json", JSON.stringify([email, PASSWORD])]) {
      const response = await login(body, json);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_input");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it("sends a form post with a wrong password back to the form, keeping a local return path only", async () => {
    const wrong = new URLSearchParams({ identifier: email, password: "not-it", next: "//evil.example" });
    const response = await login(wrong);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login?error=invalid_credentials&next=");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a body over 16 KiB with 413 before reading it, and sets no cookie", async () => {
    const padded = JSON.stringify({ identifier: email, password: PASSWORD, padding: "x".repeat(17_000) });
    const response = await login(padded, json);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("body_too_large");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a cross-site post with 403 before looking at the credentials", async () => {
    const body = JSON.stringify({ identifier: email, password: PASSWORD });
    const response = await login(body, { ...json, origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
