import { describe, expect, it } from "vitest";

import { formatPhone, isMobilePhone, normalizePhone } from "@/lib/privacy/phone";

describe("normalizePhone", () => {
  it.each([
    ["010-1234-5678", "01012345678"],
    ["01012345678", "01012345678"],
    ["010 1234 5678", "01012345678"],
    ["010.1234.5678", "01012345678"],
    ["  010-1234-5678  ", "01012345678"],
    ["０１０-１２３４-５６７８", "01012345678"], // full-width digits from some IMEs
    ["+82 10-1234-5678", "01012345678"],
    ["+821012345678", "01012345678"],
    ["+82 (0)10-1234-5678", "01012345678"],
    ["+82 010-1234-5678", "01012345678"],
    ["011-123-4567", "0111234567"],
    ["(02) 123-4567", "021234567"],
    ["02-123-4567", "021234567"],
    ["02-1234-5678", "0212345678"],
    ["0212345678", "0212345678"],
    ["+82 2-123-4567", "021234567"],
    ["031-123-4567", "0311234567"],
    ["031-1234-5678", "03112345678"],
    ["064-123-4567", "0641234567"],
    ["070-1234-5678", "07012345678"],
    ["0504-1234-5678", "050412345678"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    [""],
    ["   "],
    ["010"],
    ["010-1234-567"], // too short for 010
    ["010-1234-56789"], // too long
    ["02-12-3456"], // too short for Seoul
    ["010-1234-5678 ext 9"], // letters
    ["010-CALL-ME"],
    ["phone"],
    ["1234-5678"], // no area code
    ["080-123-4567"], // not a prefix we accept
    ["+1 415 555 0100"], // foreign
    ["+44 20 7946 0958"],
    ["010-1234-5678; DROP TABLE x"],
    ["<script>alert(1)</script>"],
    ["0".repeat(100)],
  ])("rejects %j", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it("gives the same canonical form however the number is written", () => {
    const forms = ["010-1234-5678", "01012345678", "010 1234 5678", "+82 10-1234-5678", "+821012345678"];
    expect(new Set(forms.map(normalizePhone))).toEqual(new Set(["01012345678"]));
  });

  it("never throws on non-string input from untyped callers", () => {
    expect(normalizePhone(undefined as unknown as string)).toBeNull();
    expect(normalizePhone(12345 as unknown as string)).toBeNull();
  });
});

describe("isMobilePhone", () => {
  it.each([
    ["010-1234-5678", true],
    ["+82 10-1234-5678", true],
    ["0111234567", true],
    ["02-123-4567", false],
    ["031-123-4567", false],
    ["070-1234-5678", false],
    ["not a phone", false],
    ["", false],
  ])("%j → %j", (input, expected) => {
    expect(isMobilePhone(input)).toBe(expected);
  });
});

describe("formatPhone", () => {
  it.each([
    ["01012345678", "010-1234-5678"],
    ["+82 10 1234 5678", "010-1234-5678"],
    ["0111234567", "011-123-4567"],
    ["021234567", "02-123-4567"],
    ["0212345678", "02-1234-5678"],
    ["0311234567", "031-123-4567"],
    ["03112345678", "031-1234-5678"],
    ["07012345678", "070-1234-5678"],
    ["050412345678", "0504-1234-5678"],
    ["05051234567", "0505-123-4567"],
  ])("formats %j as %j", (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });

  it("returns input that is not a phone unchanged (formatting, not masking)", () => {
    expect(formatPhone("call the front desk")).toBe("call the front desk");
    expect(formatPhone("")).toBe("");
  });
});
