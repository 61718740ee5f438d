import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/core/keyset";

const id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("keyset cursor", () => {
  it("round-trips PostgreSQL's microsecond timestamp text and the row id", () => {
    const cursor = { at: "2026-12-07 09:00:00.123456+00", id };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("is the base64url of a JSON pair, the string clients already hold", () => {
    const value = Buffer.from(JSON.stringify(["2026-12-07 09:00:00+00", id])).toString("base64url");
    expect(decodeCursor(value)).toEqual({ at: "2026-12-07 09:00:00+00", id });
  });

  it.each([
    undefined,
    "",
    "not-base64!",
    encodeCursor({ at: "yesterday", id }),
    encodeCursor({ at: "2026-12-07", id: "x" }),
  ])("reads %s as no cursor", (value) => expect(decodeCursor(value)).toBeNull());
});
