import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { disclosures, parcels } from "@/db/schema";
import { loginSuccessKeys } from "@/lib/auth/login-throttle";
import { sessionFromToken } from "@/lib/auth/session";
import { listUserSessions } from "@/lib/auth/session-store";
import { env } from "@/lib/config/env";
import { cookieValue } from "@/lib/http/cookie-value";
import { securityHeaders } from "@/lib/http/security-headers";
import { hashPhoneNumber } from "@/lib/privacy/keys";
import { registerParcels } from "@/lib/parcels/register";
import { getRedis } from "@/lib/redis/client";
import { apiFront } from "@/lib/server/api-front";
import { FRONT_ROUTES } from "@/lib/server/front-routes";
import { createApiKey, createCarrier, createCourierLogin, parcelInput, randomIp, unique } from "../support/fixtures";
import { actAsTrustedProxy } from "../support/trusted-proxy";

/**
 * The API front of scripts/serve.ts, with its routes, on a real HTTP server, real
 * PostgreSQL and Redis. Next.js is stood in for by an answer that says it was
 * reached, so each test sees which requests the front leaves alone.
 */
const PASSWORD = "front-door-pass-42";
const HEADERS = Object.fromEntries(securityHeaders(true).map(({ key, value }) => [key, value]));

let server: Server;
let origin: string;
let email: string;
let userId: string;

beforeAll(async () => {
  ({ userId, email } = await createCourierLogin(PASSWORD));
  const front = apiFront(FRONT_ROUTES, HEADERS);
  server = createServer((req, res) => {
    void front(req, res, async () => {
      res.writeHead(404, { "x-reached": "next" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

// The test is the clients' proxy: its X-Forwarded-For names each simulated caller.
const restoreProxies = actAsTrustedProxy();
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())).finally(restoreProxies));

function post(body: string, headers: Record<string, string>, path = "/api/auth/login") {
  return fetch(origin + path, { method: "POST", redirect: "manual", headers: { origin, ...headers }, body });
}
const postJson = (fields: object, ip = randomIp()) =>
  post(JSON.stringify(fields), { "content-type": "application/json", "x-forwarded-for": ip });

const sessionCookie = (response: Response) =>
  cookieValue(response.headers.getSetCookie()[0]?.split(";")[0], "next-auth.session-token");

describe("POST /api/auth/login in front of Next.js", () => {
  it("logs in: a live Redis session with the caller's address, an HttpOnly Lax cookie, the site's headers", async () => {
    const ip = randomIp();
    const response = await postJson({ identifier: email, password: PASSWORD }, ip);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, role: "courier", redirectTo: "/courier" });
    const [setCookie] = response.headers.getSetCookie();
    expect(setCookie).toMatch(/^next-auth\.session-token=[\w.-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    for (const [name, value] of Object.entries(HEADERS)) expect(response.headers.get(name)).toBe(value);

    const deps = { redis: getRedis(), config: env() };
    const user = await sessionFromToken(deps, sessionCookie(response));
    expect(user).toMatchObject({ userId, role: "courier" });
    const sessions = await listUserSessions(deps.redis, userId);
    expect(sessions.find((session) => session.jti === user?.jti)?.ip).toBe(ip);
  });

  it("answers a form post without JavaScript with a redirect to the page asked for", async () => {
    const form = new URLSearchParams({ identifier: email, password: PASSWORD, next: "/courier/route" });
    const response = await post(form.toString(), { "content-type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/courier/route");
    expect(sessionCookie(response)).toBeTruthy();
  });

  it("forgets the account's failed attempts from a client once its owner logs in from it", async () => {
    const ip = randomIp();
    for (let i = 0; i < 3; i++) {
      expect((await postJson({ identifier: email, password: `nope-${i}` }, ip)).status).toBe(401);
    }
    const failures = loginSuccessKeys({ account: `e:${email}`, ip });
    expect(await getRedis().exists(...failures)).toBeGreaterThan(0);
    expect((await postJson({ identifier: email, password: PASSWORD }, ip)).status).toBe(200);
    expect(await getRedis().exists(...failures)).toBe(0);
  });

  it("gives a wrong password and an unknown account the same 401, and sets no cookie", async () => {
    const wrong = await postJson({ identifier: email, password: "not-the-password" });
    const unknown = await postJson({ identifier: "nobody@exq.test", password: PASSWORD });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("refuses a cross-site post (403) and a missing Origin, with no cookie", async () => {
    const body = JSON.stringify({ identifier: email, password: PASSWORD });
    const json = { "content-type": "application/json" };
    const crossSite = await post(body, { ...json, origin: "https://evil.example" });
    const noOrigin = await fetch(`${origin}/api/auth/login`, { method: "POST", headers: json, body });
    expect([crossSite.status, noOrigin.status]).toEqual([403, 403]);
    expect([...crossSite.headers.getSetCookie(), ...noOrigin.headers.getSetCookie()]).toEqual([]);
  });

  it("refuses a body over 16 KB with 413 before reading credentials from it", async () => {
    const response = await postJson({ identifier: email, password: PASSWORD, padding: "x".repeat(17_000) });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("body_too_large");
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("throttles through the front: 429 with Retry-After", async () => {
    // A fresh identifier: the throttle counts per identifier whether or not the account exists.
    const identifier = `${unique("locked")}@exq.test`;
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await postJson({ identifier, password: `wrong-${i}` }, ip);
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("leaves every other request to Next.js", async () => {
    const json = { "content-type": "application/json" };
    const reached = await Promise.all([
      fetch(`${origin}/api/auth/login`),
      post("{}", json, "/api/auth/login?next=/admin"),
      post("{}", json, "/api/auth/logout"),
      post("{}", json, "/api/auth/login/"),
      fetch(`${origin}/api/v1/parcels/batch`),
      post("{}", json, "/api/v1/parcels/batch?dry=1"),
      post("{}", json, "/api/v1/parcels"),
    ]);
    expect(reached.map((response) => response.headers.get("x-reached"))).toEqual(Array(7).fill("next"));
  });
});

describe("POST /api/v1/parcels/batch in front of Next.js", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createApiKey((await createCarrier()).id)).key;
  });

  const postBatch = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${origin}/api/v1/parcels/batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const parcelCount = async () => (await getDb().select({ n: count() }).from(parcels))[0]!.n;

  /** The phone hashes of `codes`' parcels, in the order of `codes`. */
  async function phoneHashesOf(codes: string[]): Promise<string[]> {
    const rows = await getDb()
      .select({ code: parcels.code, hash: parcels.recipientPhoneHash })
      .from(parcels)
      .where(inArray(parcels.code, codes));
    const byCode = new Map(rows.map((row) => [row.code, row.hash]));
    return codes.map((code) => byCode.get(code) ?? "missing");
  }

  it("registers a batch and answers its codes in input order, gzipped for a client that takes gzip", async () => {
    const inputs = Array.from({ length: 1_000 }, () => parcelInput());
    const response = await postBatch({ parcels: inputs }, { "accept-encoding": "gzip, deflate" });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    for (const [name, value] of Object.entries(HEADERS)) expect(response.headers.get(name)).toBe(value);
    const { parcels: registered } = (await response.json()) as { parcels: { code: string }[] };
    const expected = inputs.map((input) => hashPhoneNumber(input.recipient.phone));
    expect(await phoneHashesOf(registered.map((parcel) => parcel.code))).toEqual(expected);
  });

  it("answers the same batch uncompressed to a client that refuses gzip", async () => {
    const response = await postBatch(
      { parcels: Array.from({ length: 1_000 }, () => parcelInput()) },
      { "accept-encoding": "gzip;q=0, identity" },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("vary")).toBe("Accept-Encoding");
    expect(((await response.json()) as { parcels: unknown[] }).parcels).toHaveLength(1_000);
  });

  it("gives the route's own 401 without a key and 400 naming the field, writing nothing", async () => {
    const before = await parcelCount();
    const noKey = await fetch(`${origin}/api/v1/parcels/batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ parcels: [parcelInput()] }),
    });
    expect(noKey.status).toBe(401);
    const bad = await postBatch({ parcels: [parcelInput(), { ...parcelInput(), recipient: { name: "홍길동" } }] });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(error.fields)).toContain("parcels.1.recipient.phone");
    expect(await parcelCount()).toBe(before);
  });
});

describe("GET /api/v1/parcels/{code} in front of Next.js", () => {
  let code: string;
  let own: Awaited<ReturnType<typeof createApiKey>>;
  let otherKey: string;
  beforeAll(async () => {
    own = await createApiKey((await createCarrier()).id);
    otherKey = (await createApiKey((await createCarrier()).id)).key;
    const [registered] = await registerParcels(getDb(), own.viewer, [parcelInput("010-2345-6789")], env());
    code = registered!.code;
  });

  const get = (path: string, key?: string, ip: string | null = randomIp()) =>
    fetch(origin + path, {
      headers: { ...(ip ? { "x-forwarded-for": ip } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    });
  const disclosuresOf = (parcelCode: string) =>
    getDb()
      .select({ ip: disclosures.ip, apiKeyId: disclosures.viewerApiKeyId })
      .from(disclosures)
      .innerJoin(parcels, eq(parcels.id, disclosures.parcelId))
      .where(eq(parcels.code, parcelCode));

  it("answers another carrier's key with the masked view, the site's headers and no-store", async () => {
    const response = await get(`/api/v1/parcels/${code}`, otherKey);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-reached")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
    for (const [name, value] of Object.entries(HEADERS)) expect(response.headers.get(name)).toBe(value);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ code, visibility: "masked" });
    // The masked forms keep the phone's first digits and the road; the last four and the detail never leave.
    for (const secret of ["6789", "211동", "1203호"]) expect(body).not.toContain(secret);
    expect(await disclosuresOf(code)).toEqual([]);
  });

  it("answers the owning carrier's key with the full view, audited with the caller's address", async () => {
    const ip = randomIp();
    const response = await get(`/api/v1/parcels/${code.toLowerCase()}?fields=all`, own.key, ip);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code, visibility: "full" });
    expect(await disclosuresOf(code)).toEqual([{ ip, apiKeyId: own.viewer.apiKeyId }]);
    // Without a proxy in front, the socket's address, as Next.js would have put in X-Forwarded-For.
    expect((await get(`/api/v1/parcels/${code}`, own.key, null)).status).toBe(200);
    expect((await disclosuresOf(code)).map((row) => row.ip).sort()).toEqual([ip, "127.0.0.1"].sort());
  });

  it("gives the route's own 401 without a key and the one not-found answer for unknown and malformed codes", async () => {
    const noKey = await get(`/api/v1/parcels/${code}`);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get("www-authenticate")).toBe('Bearer realm="exqress"');
    const unknown = await get(`/api/v1/parcels/${"0".repeat(26)}`, otherKey);
    const malformed = await get("/api/v1/parcels/%3Cscript%3E", otherKey);
    expect([unknown.status, malformed.status]).toEqual([404, 404]);
    expect(await malformed.json()).toEqual(await unknown.json());
  });

  it("leaves the parcel's sub-routes, other methods and undecodable paths to Next.js", async () => {
    const reached = await Promise.all([
      get(`/api/v1/parcels/${code}/label.pdf`, otherKey),
      get(`/api/v1/parcels/${code}/`, otherKey),
      get("/api/v1/parcels/batch?page=2", otherKey),
      get("/api/v1/parcels/%E0%A4%A", otherKey),
      fetch(`${origin}/api/v1/parcels/${code}`, { method: "HEAD" }),
      fetch(`${origin}/api/v1/parcels/${code}`, { method: "DELETE" }),
    ]);
    expect(reached.map((response) => response.headers.get("x-reached"))).toEqual(Array(6).fill("next"));
  });
});
