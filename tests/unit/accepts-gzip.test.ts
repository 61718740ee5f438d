import { describe, expect, it } from "vitest";
import { acceptsGzip } from "@/lib/server/api-front";

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
