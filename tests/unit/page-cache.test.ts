import { describe, expect, it } from "vitest";
import { PageCache, type CachedPage } from "@/lib/server/page-cache";

const page = (fingerprint: string, bytes = 100): CachedPage => ({
  fingerprint,
  headers: { "content-type": "text/html" },
  body: Buffer.alloc(bytes, "a"),
  gzipped: Buffer.alloc(10),
});

describe("PageCache", () => {
  it("returns a page only for the fingerprint it was rendered from", () => {
    const cache = new PageCache(10_000);
    cache.set("ko A", page("v1"));
    expect(cache.get("ko A", "v1")?.fingerprint).toBe("v1");
    expect(cache.get("ko A", "v2")).toBeNull();
    expect(cache.get("en A", "v1")).toBeNull();
  });

  it("replaces a page rendered from older data", () => {
    const cache = new PageCache(10_000);
    cache.set("ko A", page("v1"));
    cache.set("ko A", page("v2"));
    expect(cache.get("ko A", "v1")).toBeNull();
    expect(cache.get("ko A", "v2")).not.toBeNull();
  });

  it("stays within its byte budget, dropping the least recently used page first", () => {
    const cache = new PageCache(3 * 112); // three pages of 100 + 10 + 2 bytes
    cache.set("a", page("va"));
    cache.set("b", page("vb"));
    cache.set("c", page("vc"));
    cache.get("a", "va"); // a is now the most recently used
    cache.set("d", page("vd"));
    expect(cache.get("b", "vb")).toBeNull();
    expect(["a", "c", "d"].map((key) => cache.get(key, `v${key}`) !== null)).toEqual([true, true, true]);
  });

  it("does not keep a page larger than the whole budget", () => {
    const cache = new PageCache(50);
    cache.set("big", page("v", 100));
    expect(cache.get("big", "v")).toBeNull();
  });
});
