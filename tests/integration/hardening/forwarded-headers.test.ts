import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@/lib/auth/session";
import { readSession } from "@/lib/auth/session-store";
import { env } from "@/lib/config/env";
import { installForwardingEdge, normalizeForwarding } from "@/lib/http/forwarding-edge";
import { requestMeta } from "@/lib/http/request-meta";
import { isSameOrigin } from "@/lib/http/same-origin";
import { getRedis } from "@/lib/redis/client";
import { createCarrier, createStaff } from "../../support/fixtures";

/**
 * X-Forwarded-For and X-Forwarded-Host from a client are not believed. Next.js only
 * fills X-Forwarded-For from the socket when the client sent none (`??=` in base-server.js), so a
 * client's own header would reach every per-IP limit, the audit log and the session records. These
 * requests travel over real sockets from 127.0.0.1 to a server with the forwarding edge that
 * instrumentation.ts installs under `next start`.
 */
type Seen = { ip: string | null; sameOrigin: boolean; forwardedHost: string | null };
const TRUSTED_LOOPBACK = ["127.0.0.0/8", "::1"];
let trusted: readonly string[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    normalizeForwarding(req, trusted);
    const headers = new Headers(
      Object.entries(req.headers).map(([name, value]): [string, string] => [name, [value].flat().join(", ")]),
    );
    const seen: Seen = {
      ip: requestMeta(new Headers({ "x-forwarded-for": headers.get("x-forwarded-for") ?? "" }), trusted).ip,
      sameOrigin: isSameOrigin(headers, trusted),
      forwardedHost: headers.get("x-forwarded-host"),
    };
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function ask(headers: Record<string, string>): Promise<Seen> {
  return (await fetch(`${base}/`, { headers })).json() as Promise<Seen>;
}

describe("forwarding headers from an untrusted peer (TRUSTED_PROXIES unset, the default)", () => {
  it("is off by default", () => {
    expect(env().TRUSTED_PROXIES).toEqual([]);
  });

  it("counts the socket's address however X-Forwarded-For is rotated", async () => {
    trusted = [];
    for (const spoofed of ["198.51.100.1", "198.51.100.2, 203.0.113.9", "10.7.7.18864", "garbage"]) {
      expect((await ask({ "x-forwarded-for": spoofed })).ip).toBe("127.0.0.1");
    }
  });

  it("lets a foreign Origin through neither by X-Forwarded-Host nor Forwarded", async () => {
    trusted = [];
    const seen = await ask({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(seen.sameOrigin).toBe(false);
    expect(seen.forwardedHost).toBeNull();
  });
});

describe("forwarding headers from a configured proxy", () => {
  it("takes the nearest address the proxy appended, not what the client claimed before it", async () => {
    trusted = TRUSTED_LOOPBACK;
    expect((await ask({ "x-forwarded-for": "198.51.100.7, 203.0.113.20" })).ip).toBe("203.0.113.20");
    expect((await ask({ "x-forwarded-for": "198.51.100.7, 127.0.0.5" })).ip).toBe("198.51.100.7");
  });

  it("believes X-Forwarded-Host from the proxy", async () => {
    trusted = TRUSTED_LOOPBACK;
    const seen = await ask({ origin: "https://app.example", "x-forwarded-host": "app.example" });
    expect(seen.sameOrigin).toBe(true);
  });

  it("stores no address that is not one, even from the proxy", async () => {
    trusted = TRUSTED_LOOPBACK;
    expect((await ask({ "x-forwarded-for": "10.7.7.18864" })).ip).toBe("127.0.0.1");
  });
});

describe("requestMeta on its own", () => {
  it("never returns a value that is not an IP address", () => {
    for (const value of ["10.7.7.18864", "<script>", "1.2.3.4:80", "x".repeat(100)]) {
      expect(requestMeta(new Headers({ "x-forwarded-for": value })).ip).toBeNull();
    }
    expect(requestMeta(new Headers({ "x-forwarded-for": "::ffff:192.0.2.1" })).ip).toBe("192.0.2.1");
  });

  it("a session started from a spoofed header records the real peer", async () => {
    const courier = await createStaff("courier", (await createCarrier()).id);
    const meta = requestMeta(new Headers({ "x-forwarded-for": "10.7.7.18864" }));
    const user = { userId: courier.userId, role: "courier" as const, carrierId: courier.carrierId, phoneHash: null };
    const { user: session } = await startSession({ redis: getRedis(), config: env() }, user, meta);
    const record = await readSession(getRedis(), { idleMinutes: 30, courierIdleMinutes: 600, maxHours: 12 }, session);
    expect(record?.ip).toBeNull();
  });
});

describe("the edge instrumentation.ts installs", () => {
  it("rewrites every request of every server in the process before anything reads it", async () => {
    installForwardingEdge(() => []);
    const plain = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    const headers = await (
      await fetch(url, { headers: { "x-forwarded-for": "1.2.3.4", "x-forwarded-host": "evil" } })
    ).json();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-forwarded-host"]).toBeUndefined();
  });
});
