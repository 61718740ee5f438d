import { describe, expect, it } from "vitest";
import { interpretScan, REPEAT_QUIET_MS, shouldAnnounceAgain } from "@/lib/scan/interpret";
import { shortCode } from "@/lib/parcels/code";

const PUBLIC_URL = "https://exqress.example";
const CODE = "0ABCDEFGHJKMNPQRSTVWXYZ012";

describe("interpretScan", () => {
  it("opens our own parcel URL and a bare code in any form", () => {
    for (const text of [`${PUBLIC_URL}/p/${CODE}`, CODE, CODE.toLowerCase(), shortCode(CODE), ` ${shortCode(CODE)} `]) {
      expect(interpretScan(text, PUBLIC_URL)).toEqual({ kind: "code", code: CODE });
    }
  });

  it("refuses another site, other schemes and free text, and names why", () => {
    expect(interpretScan(`https://evil.example/p/${CODE}`, PUBLIC_URL)).toEqual({
      kind: "refused",
      reason: "foreign_url",
    });
    expect(interpretScan(`${PUBLIC_URL}.evil.example/p/${CODE}`, PUBLIC_URL)).toMatchObject({ reason: "foreign_url" });
    for (const text of ["javascript:alert(1)", "data:text/html,<b>x</b>", "hello", `${PUBLIC_URL}/admin`, ""]) {
      expect(interpretScan(text, PUBLIC_URL)).toEqual({ kind: "refused", reason: "not_a_code" });
    }
  });

  it("calls any 1D symbol a barcode, even one that spells a code", () => {
    expect(interpretScan(CODE, PUBLIC_URL, "code_128")).toEqual({ kind: "refused", reason: "barcode" });
    expect(interpretScan("8801234567890", PUBLIC_URL, "EAN_13")).toEqual({ kind: "refused", reason: "barcode" });
  });
});

describe("shouldAnnounceAgain", () => {
  it("repeats an announcement only for new text or after a quiet spell", () => {
    expect(shouldAnnounceAgain(null, "a", 0)).toBe(true);
    expect(shouldAnnounceAgain({ key: "a", at: 0 }, "a", REPEAT_QUIET_MS - 1)).toBe(false);
    expect(shouldAnnounceAgain({ key: "a", at: 0 }, "a", REPEAT_QUIET_MS)).toBe(true);
    expect(shouldAnnounceAgain({ key: "a", at: 0 }, "b", 1)).toBe(true);
  });
});
