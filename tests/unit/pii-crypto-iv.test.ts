import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePiiKeys } from "@/lib/core/pii-keys";
import { decryptJson, encryptJson } from "@/lib/privacy/pii-crypto";

const ring = parsePiiKeys(`k1:${randomBytes(32).toString("base64")}`);

describe("encryptPii's IVs (cut from a shared random pool)", () => {
  it("never reuse an IV across pool refills, and every blob still decrypts", () => {
    const count = 10_000; // more than two pools of 4,096 IVs
    const blobs = Array.from({ length: count }, (_, i) => encryptJson(ring, { i }, `row-${i}`));
    const ivs = new Set(blobs.map(({ ciphertext }) => ciphertext.subarray(0, 12).toString("hex")));
    expect(ivs.size).toBe(count);
    blobs.forEach(({ keyId, ciphertext }, i) =>
      expect(decryptJson(ring, keyId, ciphertext, `row-${i}`)).toEqual({ i }),
    );
  });

  it("gives each blob its own bytes: a later encryption never changes an earlier blob", () => {
    const first = encryptJson(ring, { name: "홍길동" }, "a");
    const copy = Buffer.from(first.ciphertext);
    for (let i = 0; i < 5_000; i++) encryptJson(ring, { i }, "b");
    expect(first.ciphertext.equals(copy)).toBe(true);
  });
});
