import "server-only";
/**
 * Encryption at rest for personal data (names, phones, addresses).
 *
 * AES-256-GCM with a random 12-byte IV per message. Stored blob layout:
 *
 *   iv (12) || tag (16) || ciphertext
 *
 * The key id is stored next to the blob (not inside it) so rotation is a
 * config change: put the new key first in PII_KEYS, keep the old one after it
 * until every row has been re-encrypted, then drop it.
 *
 * `aad` (additional authenticated data) is mandatory and should identify the
 * row, e.g. the parcel id. A blob copied onto another row then fails to
 * authenticate instead of silently revealing someone else's address there.
 *
 * Error messages name ids and entry positions only, never key material.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { PII_KEY_BYTES, parsePiiKeys, type PiiKeyRing } from "@/lib/core/pii-keys";

const rings = new Map<string, PiiKeyRing>();

/** The key ring of a PII_KEYS value, decoded once per value (the configuration checked its format at start). */
export function piiKeyRing(keys: string): PiiKeyRing {
  let ring = rings.get(keys);
  if (!ring) {
    ring = parsePiiKeys(keys);
    rings.set(keys, ring);
  }
  return ring;
}

export type PiiCryptoErrorCode = "unknown_key" | "auth_failed" | "malformed" | "bad_input";

/** Lets callers tell "key missing from config" from "data tampered". */
export class PiiCryptoError extends Error {
  constructor(
    readonly code: PiiCryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PiiCryptoError";
  }
}

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A fresh single-key PII_KEYS value for local development. */
export function generatePiiKeys(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  // Random suffix so two keys generated on the same day get distinct ids.
  const id = `k${day}-${randomBytes(3).toString("hex")}`;
  return `${id}:${randomBytes(PII_KEY_BYTES).toString("base64")}`;
}

function aadBytes(aad: string): Buffer {
  // An empty aad would silently drop the row binding; treat it as a bug.
  if (typeof aad !== "string" || aad === "") {
    throw new PiiCryptoError("bad_input", "PII aad must be a non-empty string");
  }
  return Buffer.from(aad, "utf8");
}

/**
 * Random IVs, cut from one draw of the CSPRNG per 4,096 messages: a randomBytes call per
 * message cost more than the encryption itself when a batch encrypts 10,000 records. Each
 * slice is handed out once; the pool is replaced, never refilled in place.
 */
const ivPool = { bytes: Buffer.alloc(0), next: 0 };

function freshIv(): Buffer {
  if (ivPool.next + IV_BYTES > ivPool.bytes.length) {
    ivPool.bytes = randomBytes(IV_BYTES * 4096);
    ivPool.next = 0;
  }
  ivPool.next += IV_BYTES;
  return ivPool.bytes.subarray(ivPool.next - IV_BYTES, ivPool.next);
}

/** Encrypts with the ring's current key. */
export function encryptPii(
  ring: PiiKeyRing,
  plaintext: Buffer | string,
  aad: string,
): { keyId: string; ciphertext: Buffer } {
  const iv = freshIv();
  const cipher = createCipheriv(ALGORITHM, ring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadBytes(aad));
  const body = typeof plaintext === "string" ? cipher.update(plaintext, "utf8") : cipher.update(plaintext);
  const rest = cipher.final(); // empty for GCM, which has no padding; written anyway
  // One allocation for the whole blob instead of two Buffer.concat copies.
  const ciphertext = Buffer.allocUnsafe(IV_BYTES + TAG_BYTES + body.length + rest.length);
  iv.copy(ciphertext, 0);
  cipher.getAuthTag().copy(ciphertext, IV_BYTES);
  body.copy(ciphertext, IV_BYTES + TAG_BYTES);
  rest.copy(ciphertext, IV_BYTES + TAG_BYTES + body.length);
  return { keyId: ring.current.id, ciphertext };
}

function keyFor(ring: PiiKeyRing, keyId: string): Buffer {
  const key = ring.byId.get(keyId) ?? (ring.current.id === keyId ? ring.current.key : undefined);
  if (key === undefined) {
    throw new PiiCryptoError("unknown_key", `PII key ${JSON.stringify(keyId)} is not configured`);
  }
  return key;
}

/** Decrypts a blob produced by encryptPii with any key still in the ring. */
export function decryptPii(ring: PiiKeyRing, keyId: string, ciphertext: Uint8Array, aad: string): Buffer {
  const key = keyFor(ring, keyId);
  const aadBuf = aadBytes(aad);
  const blob = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
  if (blob.length < IV_BYTES + TAG_BYTES) {
    throw new PiiCryptoError("malformed", "PII ciphertext is too short");
  }
  const iv = blob.subarray(0, IV_BYTES);
  const tag = blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadBuf);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new PiiCryptoError(
      "auth_failed",
      `PII decryption failed with key ${JSON.stringify(keyId)}: data was altered or belongs to another record`,
    );
  }
}

/** JSON convenience wrapper around encryptPii. */
export function encryptJson(ring: PiiKeyRing, value: unknown, aad: string): { keyId: string; ciphertext: Buffer } {
  const json = JSON.stringify(value);
  // JSON.stringify(undefined) and friends return undefined, not a string.
  if (typeof json !== "string") {
    throw new PiiCryptoError("bad_input", "PII value is not JSON-serialisable");
  }
  return encryptPii(ring, json, aad);
}

/** JSON convenience wrapper around decryptPii. The caller vouches for T. */
export function decryptJson<T>(ring: PiiKeyRing, keyId: string, ciphertext: Uint8Array, aad: string): T {
  return JSON.parse(decryptPii(ring, keyId, ciphertext, aad).toString("utf8")) as T;
}
