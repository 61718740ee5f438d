import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { checkPassword, isCommonPassword } from "@/lib/auth/password-policy";

describe("password policy", () => {
  it("needs 8 to 128 characters, counted as code points", () => {
    expect(checkPassword("Xy7#kq2")).toEqual({ ok: false, reason: "too_short" });
    expect(checkPassword("Xy7#kq2!")).toEqual({ ok: true });
    // 4 emoji are 8 UTF-16 units but only 4 characters.
    expect(checkPassword("😀🐱🌵🚲")).toEqual({ ok: false, reason: "too_short" });
    expect(checkPassword("택배정보보호서비스")).toEqual({ ok: true });
    expect(checkPassword("a1😀".repeat(42) + "b1")).toEqual({ ok: true }); // 128 code points, 170 UTF-16 units
    expect(checkPassword("a".repeat(129))).toEqual({ ok: false, reason: "too_long" });
  });

  it("refuses common passwords whatever their case", () => {
    for (const password of ["password", "PASSWORD", "12345678", "qwerty123", "Iloveyou1", "baseball"]) {
      expect(checkPassword(password)).toEqual({ ok: false, reason: "common" });
    }
  });

  it("covers at least the 10,000 most common passwords of the list", () => {
    const ranked = dictionary["passwords-common"];
    expect(ranked.length).toBeGreaterThanOrEqual(10_000);
    expect(ranked.slice(0, 10_000).every(isCommonPassword)).toBe(true);
    expect(isCommonPassword(ranked[9_999]!.toUpperCase())).toBe(true);
  });

  it("accepts long or unusual passwords, pasted passphrases included", () => {
    expect(checkPassword("correct horse battery staple")).toEqual({ ok: true });
    expect(checkPassword("v8$Lq!m2#Zr")).toEqual({ ok: true });
  });

  it("refuses a password that is or contains the user's phone number", () => {
    const phone = "010-1234-5678";
    for (const password of ["01012345678", "010-1234-5678", "pw01012345678!", "my 1234 5678 pw", "+821012345678"]) {
      expect(checkPassword(password, { phone })).toEqual({ ok: false, reason: "contains_identifier" });
    }
    expect(checkPassword("abc1012345678", { phone: "+82 10 1234 5678" })).toEqual({
      ok: false,
      reason: "contains_identifier",
    });
    expect(checkPassword("zebra-20250101", { phone })).toEqual({ ok: true });
  });

  it("refuses a password that is or contains the email's local part", () => {
    const email = "Hong.Gildong+parcels@example.com";
    expect(checkPassword("hong.gildong+parcels", { email })).toEqual({ ok: false, reason: "contains_identifier" });
    expect(checkPassword("HONG.GILDONG!2024", { email })).toEqual({ ok: false, reason: "contains_identifier" });
    expect(checkPassword("hong.gildong+parcels@example.com", { email })).toEqual({
      ok: false,
      reason: "contains_identifier",
    });
    // A very short local part only counts when the password is exactly it.
    expect(checkPassword("kimchi-stew-42", { email: "kim@example.com" })).toEqual({ ok: true });
    expect(checkPassword("zebra-20250101", { email })).toEqual({ ok: true });
  });

  it("tells about the demo passwords: not in the list, but they contain the demo accounts' names", () => {
    for (const password of ["admin1234!", "courier1234!", "recipient1234!"]) {
      expect(isCommonPassword(password)).toBe(false);
      expect(checkPassword(password)).toEqual({ ok: true });
    }
    expect(checkPassword("admin1234!", { email: "admin@exqress.local" })).toEqual({
      ok: false,
      reason: "contains_identifier",
    });
  });
});
