import { beforeAll, describe, expect, it } from "vitest";
import { POST as loginHandler } from "@/app/api/auth/login/route";
import { indexKey } from "@/lib/auth/session-store";
import { env } from "@/lib/config/env";
import { safeReturnPath } from "@/lib/http/same-origin";
import { getRedis } from "@/lib/redis/client";
import { createCourierLogin, randomIp } from "../../support/fixtures";

/**
 * A return path that a browser resolves to another site. Browsers strip
 * tab, CR and LF from URLs, so `/\t/evil.example` is `//evil.example` to them; CR/LF in a
 * Location header would make the answer throw after the session is created.
 */
const PASSWORD = "redirect-attack-pass-42";
let email: string;
let userId: string;

beforeAll(async () => {
  ({ userId, email } = await createCourierLogin(PASSWORD));
});

const HOSTILE = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\nSet-Cookie: a=b",
  "/\\evil.example",
  "//evil.example",
  "/\u0000/evil.example",
  "https://evil.example/",
  "/ /evil.example",
];

function post(next: string, asJson: boolean) {
  const origin = env().PUBLIC_URL;
  const fields = { identifier: email, password: PASSWORD, next };
  return loginHandler(
    new Request(`${origin}/api/auth/login`, {
      method: "POST",
      headers: {
        origin,
        "x-forwarded-for": randomIp(),
        ...(asJson ? { "content-type": "application/json" } : {}),
      },
      body: asJson ? JSON.stringify(fields) : new URLSearchParams(fields),
    }),
  );
}

/** Where a browser goes: the Location resolved against our own origin, as a browser does it. */
const landing = (location: string) => new URL(location, env().PUBLIC_URL);

async function sessionCount(): Promise<number> {
  return getRedis().zcard(indexKey(userId));
}

describe("return path after login", () => {
  it.each(HOSTILE)("a form post with next=%j lands on our own origin, at the role's home", async (next) => {
    const response = await post(next, false);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(landing(location).origin).toBe(env().PUBLIC_URL);
    expect(location).toBe("/courier");
  });

  it.each(HOSTILE)("the script's redirectTo for next=%j stays on our origin", async (next) => {
    const response = await post(next, true);
    expect(response.status).toBe(200);
    expect((await response.json()).redirectTo).toBe("/courier");
  });

  it("keeps a real local path with its query and fragment, normalised as a browser would", async () => {
    const response = await post("/parcels/abc?tab=history#top", false);
    expect(response.headers.get("location")).toBe("/parcels/abc?tab=history#top");
    const dotted = await post("/%09/evil.example/../../courier", false);
    expect(dotted.headers.get("location")).toBe("/courier");
  });

  it("creates no orphan session when the return path has CR/LF", async () => {
    const before = await sessionCount();
    const response = await post("/x\r\nLocation: https://evil.example", false);
    expect(response.status).toBe(303);
    expect(await sessionCount()).toBe(before + 1);
  });

  it("the login page's hidden field gets no hostile path either", () => {
    for (const next of HOSTILE) expect(safeReturnPath(next, "")).toBe("");
  });
});

/**
 * Values that only become another host once resolved: dot segments (`/.//x`, `/%2e//x`,
 * `/a/..//x`) resolve to `//x`, which a browser then reads as a host of its own.
 */
const RESOLVED_ELSEWHERE = [
  "/.//evil.example",
  "/./\\evil.example",
  "/..//evil.example",
  "/a/..//evil.example",
  "/././/evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/.//evil.example/courier?x=1#y",
  "/%2F/evil.example",
  "/%5C/evil.example",
  "/.%2F/evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/.\t//evil.example",
  "/\n/evil.example",
  "///evil.example",
  "https://evil.example",
  "//evil.example",
  "http:/evil.example",
  "/.//127.0.0.1@evil.example",
];

/** A single-slash path of our own origin, also when a browser resolves it once more. */
function staysHome(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return false;
  const landed = landing(path);
  return landed.origin === env().PUBLIC_URL && `${landed.pathname}${landed.search}${landed.hash}` === path;
}

describe("return paths that reach another host only once resolved", () => {
  it.each(RESOLVED_ELSEWHERE)("a form post with next=%j is sent to a single-slash path of ours", async (next) => {
    const response = await post(next, false);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(staysHome(location)).toBe(true);
    expect(landing(location).origin).toBe(env().PUBLIC_URL);
  });

  it("safeReturnPath answers each of them with our own single-slash path or the fallback", () => {
    const answers = RESOLVED_ELSEWHERE.map((next) => safeReturnPath(next, ""));
    expect(answers.filter((path) => path !== "" && !staysHome(path))).toEqual([]);
    expect(safeReturnPath("/.//evil.example", "/home")).toBe("/home");
  });
});
