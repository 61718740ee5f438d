import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveKey, hashesEqual, phoneHash } from "@/lib/privacy/phone-hash";
import {
  PiiCryptoError,
  decryptJson,
  decryptPii,
  encryptJson,
  encryptPii,
  generatePiiKeys,
} from "@/lib/privacy/pii-crypto";
import { parsePiiKeys } from "@/lib/core/pii-keys";

const b64 = (bytes: number) => randomBytes(bytes).toString("base64");
const K1 = b64(32);
const K2 = b64(32);
const ringA = parsePiiKeys(`k1:${K1}`);
const ringB = parsePiiKeys(`k2:${K2}, k1:${K1}`);
const ringC = parsePiiKeys(`k2:${K2}`);
const PLAIN = "홍길동 010-1234-5678 서울특별시 중구 세종대로 110";
const AAD = "parcel:0123456789ABCDEFGHJKMNPQRS";

describe("parsePiiKeys", () => {
  it("uses the first entry as current and keeps all keys by id", () => {
    expect(ringB.current.id).toBe("k2");
    expect(ringB.current.key).toEqual(Buffer.from(K2, "base64"));
    expect([...ringB.byId.keys()]).toEqual(["k2", "k1"]);
  });

  it("accepts URL-safe base64 and unpadded keys", () => {
    const key = randomBytes(32);
    const urlSafe = key.toString("base64url");
    expect(parsePiiKeys(`a_b-C9:${urlSafe}`).current.key).toEqual(key);
  });

  it("accepts what generatePiiKeys produces", () => {
    const value = generatePiiKeys();
    expect(value).toMatch(/^k\d{8}-[0-9a-f]{6}:/);
    expect(parsePiiKeys(value).current.key).toHaveLength(32);
    expect(generatePiiKeys()).not.toBe(value);
  });

  it.each([
    ["", /PII_KEYS is empty/],
    [" , ", /PII_KEYS is empty/],
    [`k1:${K1},`, /PII_KEYS entry 2 is empty/],
    [K1, /PII_KEYS entry 1: expected "id:base64key"/],
    [`:${K1}`, /PII_KEYS entry 1: id must match/],
    [`bad id:${K1}`, /PII_KEYS entry 1: id must match/],
    [`${"x".repeat(33)}:${K1}`, /PII_KEYS entry 1: id must match/],
    [`k1:${K1},k2:${b64(16)}`, /PII_KEYS entry 2 \("k2"\): key must be 32 bytes of base64, got 16/],
    [`k1:${b64(64)}`, /PII_KEYS entry 1 \("k1"\): key must be 32 bytes of base64, got 64/],
    ["k1:not*base64!", /PII_KEYS entry 1 \("k1"\): key is not valid base64/],
    ["k1:", /PII_KEYS entry 1 \("k1"\): key is not valid base64/],
    [`k1:${K1},k1:${K2}`, /PII_KEYS entry 2 \("k1"\): duplicate id/],
  ])("rejects %j", (value, message) => {
    expect(() => parsePiiKeys(value)).toThrow(message);
  });

  it("never echoes key material in errors", () => {
    const short = b64(16);
    for (const value of [`k1:${short}`, short, `k1:${K1},k1:${K2}`, `${K1}:${K2}`]) {
      const error = (() => {
        try {
          parsePiiKeys(value);
        } catch (e) {
          return e as Error;
        }
        throw new Error("expected parsePiiKeys to throw");
      })();
      for (const secret of [short, K1, K2]) expect(error.message).not.toContain(secret);
    }
  });
});

describe("encryptPii / decryptPii", () => {
  it("round-trips strings and buffers", () => {
    const { keyId, ciphertext } = encryptPii(ringA, PLAIN, AAD);
    expect(keyId).toBe("k1");
    expect(decryptPii(ringA, keyId, ciphertext, AAD).toString("utf8")).toBe(PLAIN);
    const bytes = randomBytes(100);
    const sealed = encryptPii(ringA, bytes, AAD);
    expect(decryptPii(ringA, "k1", sealed.ciphertext, AAD)).toEqual(bytes);
    expect(decryptPii(ringA, "k1", encryptPii(ringA, "", AAD).ciphertext, AAD)).toHaveLength(0);
  });

  it("lays out iv(12) || tag(16) || ciphertext with a fresh IV each time", () => {
    const first = encryptPii(ringA, PLAIN, AAD).ciphertext;
    const second = encryptPii(ringA, PLAIN, AAD).ciphertext;
    expect(first).toHaveLength(12 + 16 + Buffer.byteLength(PLAIN));
    expect(first.equals(second)).toBe(false);
    expect(first.subarray(0, 12).equals(second.subarray(0, 12))).toBe(false);
  });

  it("does not contain the plaintext bytes", () => {
    const plain = Buffer.from("01012345678-SECRET-ADDRESS");
    const { ciphertext } = encryptPii(ringA, plain, AAD);
    expect(ciphertext.includes(plain)).toBe(false);
    expect(ciphertext.includes(Buffer.from("01012345678"))).toBe(false);
  });

  it("fails authentication when any part of the blob is altered", () => {
    const { ciphertext } = encryptPii(ringA, PLAIN, AAD);
    for (const offset of [0, 11, 12, 27, 28, ciphertext.length - 1]) {
      const tampered = Buffer.from(ciphertext);
      tampered[offset]! ^= 0x01;
      expect(() => decryptPii(ringA, "k1", tampered, AAD)).toThrow(/PII decryption failed/);
    }
    expect(() => decryptPii(ringA, "k1", ciphertext.subarray(0, ciphertext.length - 1), AAD)).toThrow(PiiCryptoError);
    expect(() => decryptPii(ringA, "k1", ciphertext.subarray(0, 20), AAD)).toThrow(/too short/);
  });

  it("fails when the blob is moved to another row (wrong aad)", () => {
    const { ciphertext } = encryptPii(ringA, PLAIN, "parcel:A");
    expect(() => decryptPii(ringA, "k1", ciphertext, "parcel:B")).toThrow(/PII decryption failed/);
    expect(() => encryptPii(ringA, PLAIN, "")).toThrow(/aad/);
  });

  it("decrypts with a rotated-out key while it stays in the ring", () => {
    const old = encryptPii(ringA, PLAIN, AAD);
    expect(decryptPii(ringB, old.keyId, old.ciphertext, AAD).toString()).toBe(PLAIN);
    const fresh = encryptPii(ringB, PLAIN, AAD);
    expect(fresh.keyId).toBe("k2");
    expect(decryptPii(ringC, fresh.keyId, fresh.ciphertext, AAD).toString()).toBe(PLAIN);
    expect(() => decryptPii(ringC, old.keyId, old.ciphertext, AAD)).toThrow('PII key "k1" is not configured');
  });

  it("fails when the key id points at a different key", () => {
    const { ciphertext } = encryptPii(ringB, PLAIN, AAD);
    expect(() => decryptPii(ringB, "k1", ciphertext, AAD)).toThrow(/PII decryption failed/);
  });

  it("reports error codes callers can branch on", () => {
    const { ciphertext } = encryptPii(ringA, PLAIN, AAD);
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as PiiCryptoError).code;
      }
      return "no error";
    };
    expect(codeOf(() => decryptPii(ringC, "k1", ciphertext, AAD))).toBe("unknown_key");
    expect(codeOf(() => decryptPii(ringA, "k1", ciphertext, "other"))).toBe("auth_failed");
  });
});

describe("encryptJson / decryptJson", () => {
  it("round-trips JSON values", () => {
    const value = { name: "홍길동", phone: "01012345678", lines: ["세종대로 110"], floor: 3 };
    const { keyId, ciphertext } = encryptJson(ringB, value, AAD);
    expect(decryptJson<typeof value>(ringB, keyId, ciphertext, AAD)).toEqual(value);
  });

  it("refuses values JSON cannot represent", () => {
    expect(() => encryptJson(ringA, undefined, AAD)).toThrow(/JSON/);
  });
});

describe("phoneHash", () => {
  const secret = "a-long-enough-application-secret-value";
  const key = deriveKey(secret, "phone-hash");

  it("is deterministic 64-char hex", () => {
    const hash = phoneHash(key, "01012345678");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(phoneHash(key, "01012345678")).toBe(hash);
    expect(phoneHash(key, "01012345679")).not.toBe(hash);
  });

  it("depends on the key", () => {
    const other = deriveKey(`${secret}!`, "phone-hash");
    expect(phoneHash(other, "01012345678")).not.toBe(phoneHash(key, "01012345678"));
  });

  it("derives separate 32-byte keys per purpose, stable per secret", () => {
    expect(key).toHaveLength(32);
    expect(deriveKey(secret, "phone-hash")).toEqual(key);
    expect(deriveKey(secret, "other-purpose").equals(key)).toBe(false);
  });

  it("refuses weak keys, secrets and empty phones", () => {
    expect(() => phoneHash(Buffer.alloc(0), "01012345678")).toThrow(/key/);
    expect(() => phoneHash(key, "")).toThrow(/phone/);
    expect(() => deriveKey("short", "phone-hash")).toThrow(/secret/);
    expect(() => deriveKey(secret, "")).toThrow(/purpose/);
  });

  it("compares hashes in constant time", () => {
    const hash = phoneHash(key, "01012345678");
    expect(hashesEqual(hash, phoneHash(key, "01012345678"))).toBe(true);
    expect(hashesEqual(hash, phoneHash(key, "01099999999"))).toBe(false);
    expect(hashesEqual(hash, hash.slice(1))).toBe(false);
  });
});
