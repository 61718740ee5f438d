import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REDACTED_PATHS } from "@/lib/observability/logger";
import { mayReadMetrics } from "@/lib/observability/metrics-access";
import { routePatterns } from "@/lib/observability/route-pattern";

describe("route patterns", () => {
  const routeOf = routePatterns({
    staticRoutes: [{ page: "/" }, { page: "/api/health" }],
    dynamicRoutes: [
      { page: "/p/[code]", regex: "^/p/([^/]+?)(?:/)?$" },
      { page: "/api/v1/parcels/[code]", regex: "^/api/v1/parcels/([^/]+?)(?:/)?$" },
    ],
  });

  it("names the route, never the code in the path", () => {
    expect(routeOf("/p/AbCdEf123")).toBe("/p/[code]");
    expect(routeOf("/api/v1/parcels/AbCdEf123/")).toBe("/api/v1/parcels/[code]");
    expect(routeOf("/api/health")).toBe("/api/health");
    expect(routeOf("/")).toBe("/");
  });

  it("puts everything it does not know under one label", () => {
    expect(routeOf("/010-1234-5678")).toBe("other");
    expect(routeOf("/_next/static/chunks/a.js")).toBe("/_next/static");
    expect(routeOf("/_next/image")).toBe("/_next");
  });
});

describe("metrics access", () => {
  it("is open without a token and needs the exact Bearer token with one", () => {
    expect(mayReadMetrics(null, undefined)).toBe(true);
    expect(mayReadMetrics(null, "a-long-metrics-token")).toBe(false);
    expect(mayReadMetrics("Bearer a-long-metrics-tokeN", "a-long-metrics-token")).toBe(false);
    expect(mayReadMetrics("a-long-metrics-token", "a-long-metrics-token")).toBe(false);
    expect(mayReadMetrics("Bearer a-long-metrics-token", "a-long-metrics-token")).toBe(true);
  });
});

describe("log redaction", () => {
  it("hides personal data and secrets at any of the first three levels", () => {
    let written = "";
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((written += chunk.toString()), done()) });
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, sink);
    log.info({
      name: "홍길동",
      err: { phone: "010-1234-5678" },
      req: { headers: { cookie: "session=abc", authorization: "Bearer exq_key", "set-cookie": "s=1" } },
      parcel: { code: "AbCdEf123456", recipient: { address: "의정부시 오목로 150" } },
      status: 201,
    });
    for (const secret of ["홍길동", "010-1234-5678", "session=abc", "exq_key", "s=1", "AbCdEf123456", "오목로"]) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('"status":201');
  });
});
