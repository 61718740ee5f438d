import { describe, expect, it } from "vitest";
import { isDependencyDown } from "@/lib/http/dependency-errors";

describe("isDependencyDown in a minified bundle", () => {
  it("knows ioredis's max-retries error by its message when the class name is minified", () => {
    // What `next build` makes of ioredis's MaxRetriesPerRequestError: a one-letter class name.
    class i extends Error {}
    const error = new i(
      'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.',
    );
    expect(error.name).not.toBe("MaxRetriesPerRequestError");
    expect(isDependencyDown(error)).toBe(true);
    expect(isDependencyDown(new i("Cannot read properties of undefined"))).toBe(false);
  });

  it("knows PostgreSQL shutting down or starting up (SQLSTATE 57P01-57P03)", () => {
    for (const code of ["57P01", "57P02", "57P03"]) {
      expect(isDependencyDown(Object.assign(new Error("terminating connection"), { code }))).toBe(true);
    }
    expect(isDependencyDown(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  });
});
