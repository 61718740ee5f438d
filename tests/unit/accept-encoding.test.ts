import { describe, expect, it } from "vitest";
import { acceptsGzip, varyOnEncoding } from "@/lib/http/accept-encoding";

describe("acceptsGzip", () => {
  it.each([
    ["gzip, deflate", true],
    ["deflate, gzip;q=0.5", true],
    ["GZIP", true],
    ["*", true],
    ["br;q=1.0, *;q=0.1", true],
    ["gzip;q=0", false],
    ["gzip;q=0.000, identity", false],
    ["identity", false],
    ["deflate, br", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe("varyOnEncoding", () => {
  it.each([
    [undefined, "Accept-Encoding"],
    [null, "Accept-Encoding"],
    ["RSC, Next-Router-State-Tree", "RSC, Next-Router-State-Tree, Accept-Encoding"],
    [["RSC", "Cookie"], "RSC, Cookie, Accept-Encoding"],
    ["RSC, accept-encoding", "RSC, accept-encoding"],
    ["Accept-Encoding-Extra", "Accept-Encoding-Extra, Accept-Encoding"],
  ])("%s → %s", (vary, expected) => {
    expect(varyOnEncoding(vary)).toBe(expected);
  });
});
