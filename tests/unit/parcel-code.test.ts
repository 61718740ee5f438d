import { describe, expect, it } from "vitest";
import {
  PARCEL_CODE_ALPHABET,
  newParcelCode,
  parcelUrl,
  parseParcelCode,
  parseScannedText,
  shortCode,
} from "@/lib/parcels/code";

const PUBLIC_URL = "http://localhost:3000";
const CODE_SHAPE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const SAMPLE = 10_000;
const codes = Array.from({ length: SAMPLE }, () => newParcelCode());

/** Decodes a canonical code back into its 128 bits (independent of the module). */
function codeBits(code: string): number[] {
  let n = 0n;
  for (const char of code) n = (n << 5n) | BigInt(PARCEL_CODE_ALPHABET.indexOf(char));
  return Array.from({ length: 128 }, (_, i) => Number((n >> BigInt(127 - i)) & 1n));
}

describe("newParcelCode", () => {
  it("produces unique 26-char Crockford codes whose first char is 0-7", () => {
    expect(new Set(codes).size).toBe(SAMPLE);
    for (const code of codes) expect(code).toMatch(CODE_SHAPE);
  });

  it("has roughly uniform characters in positions 2-26 (chi-square)", () => {
    const counts = new Array<number>(32).fill(0);
    for (const code of codes) {
      for (const char of code.slice(1)) counts[PARCEL_CODE_ALPHABET.indexOf(char)]! += 1;
    }
    const expected = (SAMPLE * 25) / 32;
    const chi = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 31 degrees of freedom: mean 31; 90 is far beyond p = 1e-9.
    expect(chi).toBeLessThan(90);
  });

  it("sets every one of the 128 bits about half the time", () => {
    const ones = new Array<number>(128).fill(0);
    for (const code of codes) codeBits(code).forEach((bit, i) => (ones[i]! += bit));
    // Binomial(10000, 0.5) has sd 50; ±300 is six standard deviations.
    for (const count of ones) expect(Math.abs(count - SAMPLE / 2)).toBeLessThan(300);
  });

  it("is not sequential: consecutive codes are neither ordered nor share prefixes", () => {
    let ascending = 0;
    let sharedPrefix = 0;
    for (let i = 1; i < SAMPLE; i++) {
      if (codes[i]! > codes[i - 1]!) ascending += 1;
      if (codes[i]!.slice(0, 4) === codes[i - 1]!.slice(0, 4)) sharedPrefix += 1;
    }
    expect(Math.abs(ascending - SAMPLE / 2)).toBeLessThan(400);
    expect(sharedPrefix).toBeLessThan(10);
  });
});

describe("parseParcelCode", () => {
  const code = codes[0]!;

  it("round-trips every code through shortCode", () => {
    for (const c of codes) expect(parseParcelCode(shortCode(c))).toBe(c);
  });

  it("prints shortCode in groups of 5", () => {
    expect(shortCode("0123456789ABCDEFGHJKMNPQRS")).toBe("01234-56789-ABCDE-FGHJK-MNPQR-S");
  });

  it("accepts lower case, spaces, hyphens and Crockford aliases", () => {
    expect(parseParcelCode(code.toLowerCase())).toBe(code);
    expect(parseParcelCode(` ${code.slice(0, 13)} - ${code.slice(13)} `)).toBe(code);
    expect(parseParcelCode(shortCode(code).toLowerCase())).toBe(code);
    expect(parseParcelCode("OIL0000000000000000000000l")).toBe("01100000000000000000000001");
    expect(parseParcelCode("7ZZZZ ZZZZZ zzzzz-zzzzz-ZZZZZ-Z")).toBe("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
  });

  it("rejects malformed input without throwing", () => {
    const bad = [
      "",
      code.slice(0, 25),
      `${code}0`,
      `${code.slice(0, 25)}U`,
      `${code.slice(0, 25)}u`,
      `0${"😀".repeat(13)}`,
      `${code.slice(0, 24)}😀`,
      `${code.slice(0, 25)}ı`, // dotless i must not upper-case into an I alias
      `${code.slice(0, 25)}_`,
      "-".repeat(1000),
      code.repeat(100),
    ];
    for (const input of bad) expect(parseParcelCode(input)).toBeNull();
    for (const first of "89ABCDEFGHJKMNPQRSTVWXYZ") {
      expect(parseParcelCode(`${first}${code.slice(1)}`)).toBeNull();
    }
    expect(parseParcelCode(undefined as unknown as string)).toBeNull();
  });

  it("shortCode and parcelUrl refuse invalid codes", () => {
    expect(() => shortCode("nope")).toThrow(TypeError);
    expect(() => parcelUrl(PUBLIC_URL, "8ZZZZZZZZZZZZZZZZZZZZZZZZZ")).toThrow(TypeError);
  });
});

describe("parcelUrl", () => {
  it("joins the public URL and the canonical code", () => {
    const code = codes[1]!;
    expect(parcelUrl(`${PUBLIC_URL}/`, code)).toBe(`${PUBLIC_URL}/p/${code}`);
    expect(parcelUrl("https://exq.example//", code.toLowerCase())).toBe(`https://exq.example/p/${code}`);
  });
});

describe("parseScannedText", () => {
  const code = codes[2]!;

  it("accepts our own URL, with a trailing slash, query or hash", () => {
    for (const text of [
      parcelUrl(PUBLIC_URL, code),
      `${PUBLIC_URL}/p/${code}/`,
      `${PUBLIC_URL}/p/${code}?utm=x#frag`,
      `HTTP://LOCALHOST:3000/p/${code}`,
      `  ${PUBLIC_URL}/p/${code.toLowerCase()}\n`,
    ]) {
      expect(parseScannedText(text, PUBLIC_URL)).toEqual({ ok: true, code });
    }
  });

  it("accepts bare codes and short codes", () => {
    expect(parseScannedText(code, PUBLIC_URL)).toEqual({ ok: true, code });
    expect(parseScannedText(shortCode(code), `${PUBLIC_URL}/`)).toEqual({ ok: true, code });
  });

  it("honours a public URL with a path prefix", () => {
    const base = "https://exq.example/app";
    expect(parseScannedText(parcelUrl(base, code), base)).toEqual({ ok: true, code });
    expect(parseScannedText(`https://exq.example/p/${code}`, base).ok).toBe(false);
  });

  it("refuses other origins as foreign_url", () => {
    for (const text of [
      `https://evil.example/p/${code}`,
      `https://localhost:3000/p/${code}`,
      `http://localhost:3001/p/${code}`,
      `http://localhost:3000@evil.com/p/${code}`,
      `http://localhost.evil.com:3000/p/${code}`,
    ]) {
      expect(parseScannedText(text, PUBLIC_URL)).toEqual({ ok: false, reason: "foreign_url" });
    }
  });

  it("refuses everything else as not_a_code", () => {
    for (const text of [
      `http://localhost:3000.evil.com/p/${code}`,
      "javascript:alert(1)",
      `javascript:alert('${code}')`,
      "data:text/html,<script>alert(1)</script>",
      "8801234567893",
      "hello world",
      "",
      `${PUBLIC_URL}/x/${code}`,
      `${PUBLIC_URL}/p/${code}/extra`,
      `${PUBLIC_URL}/p/${code}//`,
      `${PUBLIC_URL}/p/`,
      `${PUBLIC_URL}/p/${code.slice(0, 25)}`,
      `${PUBLIC_URL}/p/${code.slice(0, 13)}%20${code.slice(13)}`,
      `${PUBLIC_URL}/p/x/../${code}/..`,
      `${PUBLIC_URL}/${"a".repeat(5000)}`,
    ]) {
      expect(parseScannedText(text, PUBLIC_URL)).toEqual({ ok: false, reason: "not_a_code" });
    }
  });
});
