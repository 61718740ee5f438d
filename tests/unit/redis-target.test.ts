import { describe, expect, it } from "vitest";
import { parseClusterNodes, parseRedisTarget } from "@/lib/core/redis-target";
import { slotPart } from "@/lib/redis/slots";

describe("Redis targets", () => {
  it("reads a single server's URL as it is", () => {
    expect(parseRedisTarget("redis://127.0.0.1:6379/2")).toEqual({ kind: "server", url: "redis://127.0.0.1:6379/2" });
    expect(parseRedisTarget("rediss://u:p@cache.example:6380")?.kind).toBe("server");
  });

  it("reads a cluster URL's nodes, credentials and TLS", () => {
    expect(parseRedisTarget("redis+cluster://127.0.0.1:7001,127.0.0.1:7002")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "127.0.0.1", port: 7001 },
        { host: "127.0.0.1", port: 7002 },
      ],
      tls: false,
    });
    expect(parseRedisTarget("rediss+cluster://app:p%40ss:word@a.example:6379,[::1]:6380/")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "a.example", port: 6379 },
        { host: "::1", port: 6380 },
      ],
      username: "app",
      password: "p@ss:word",
      tls: true,
    });
  });

  it("refuses what is neither", () => {
    for (const bad of ["http://a:1", "redis+cluster://", "redis+cluster://a", "redis+cluster://a:99999", "nonsense"]) {
      expect(parseRedisTarget(bad)).toBeNull();
    }
    expect(parseClusterNodes("a:1,,b:2")).toEqual([
      { host: "a", port: 1 },
      { host: "b", port: 2 },
    ]);
    expect(parseClusterNodes("a:1,b")).toBeNull();
  });

  it("hashes a key's tag when it has one, as Redis Cluster does", () => {
    expect(slotPart("exq:session:{user-1}:jti")).toBe("user-1");
    expect(slotPart("exq:user-sessions:{user-1}")).toBe("user-1");
    expect(slotPart("exq:pv:code")).toBe("exq:pv:code");
    expect(slotPart("exq:{}:x{y}")).toBe("exq:{}:x{y}"); // an empty first tag means the whole key
    expect(slotPart("a{b")).toBe("a{b");
  });
});
