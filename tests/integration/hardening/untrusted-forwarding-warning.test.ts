import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { normalizeForwarding } from "@/lib/http/forwarding-edge";
import { capturedLog } from "../../support/captured-log";

/**
 * A deployment whose proxy is not in TRUSTED_PROXIES counts every client behind it as the
 * proxy: the app says so, once per process, the first time such a peer sends forwarding headers.
 */
const captured = capturedLog();
let trusted: readonly string[] = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    normalizeForwarding(req, trusted, captured.log);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const warnings = () => captured.entries().filter((entry) => entry.level === 40);

it("says nothing for a request without forwarding headers, or with them from a trusted proxy", async () => {
  trusted = [];
  await fetch(base);
  trusted = ["127.0.0.1"];
  await fetch(base, { headers: { "x-forwarded-for": "198.51.100.7", "x-real-ip": "198.51.100.7" } });
  expect(warnings()).toEqual([]);
});

it("warns once, naming TRUSTED_PROXIES, when an untrusted peer sends X-Forwarded-For, X-Real-IP or Forwarded", async () => {
  trusted = [];
  const attempts: Record<string, string>[] = [
    { "x-forwarded-for": "198.51.100.7" },
    { "x-real-ip": "198.51.100.8" },
    { forwarded: "for=198.51.100.9" },
  ];
  for (const headers of attempts) await fetch(base, { headers });
  expect(warnings()).toHaveLength(1);
  expect(warnings()[0]!.msg).toMatch(/TRUSTED_PROXIES/);
  // Which client sent them is no business of the log.
  expect(captured.text()).not.toMatch(/198\.51\.100|127\.0\.0\.1/);
});
