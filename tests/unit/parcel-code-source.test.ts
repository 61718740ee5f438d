import { afterEach, describe, expect, it, vi } from "vitest";
import { PARCEL_CODE_ALPHABET, parcelCodeSource, parseParcelCode } from "@/lib/parcels/code";

/** The reference encoding: the 16 bytes as one 128-bit number, 26 base32 digits, most significant first. */
function referenceCode(bytes: Uint8Array): string {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 26; i++) {
    code = PARCEL_CODE_ALPHABET.charAt(Number(n & 31n)) + code;
    n >>= 5n;
  }
  return code;
}

describe("parcelCodeSource", () => {
  afterEach(() => vi.restoreAllMocks());

  it("encodes each 16 bytes of CSPRNG output like the 128-bit number they are", () => {
    const drawn: Uint8Array[] = [];
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation((array) => {
      if (array instanceof Uint8Array) drawn.push(real(array).slice());
      return array;
    });
    const newCode = parcelCodeSource();
    const codes = Array.from({ length: 5_000 }, () => newCode());
    const bytes = drawn.flatMap((pool) =>
      Array.from({ length: pool.length / 16 }, (_, i) => pool.slice(i * 16, i * 16 + 16)),
    );
    expect(codes).toEqual(bytes.slice(0, codes.length).map(referenceCode));
  });

  it("maps the extremes of 128 bits to 000…0 and 7ZZ…Z", () => {
    for (const [fill, expected] of [
      [0x00, "0".repeat(26)],
      [0xff, `7${"Z".repeat(25)}`],
    ] as const) {
      vi.spyOn(globalThis.crypto, "getRandomValues").mockImplementation((array) => {
        if (array instanceof Uint8Array) array.fill(fill);
        return array;
      });
      expect(parcelCodeSource()()).toBe(expected);
      vi.restoreAllMocks();
    }
  });

  it("never repeats a code across its draws", () => {
    const newCode = parcelCodeSource();
    const codes = Array.from({ length: 20_000 }, () => newCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(parseParcelCode(code)).toBe(code);
  });
});
