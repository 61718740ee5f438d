/**
 * The PII_KEYS format, `id:base64key[,id:base64key…]`: the configuration checks it at start
 * and lib/privacy builds its key ring from it. Errors name ids and entry positions only,
 * never key material.
 */
export type PiiKeyRing = { current: { id: string; key: Buffer }; byId: Map<string, Buffer> };

export const PII_KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// Standard or URL-safe alphabet, optional padding. Buffer.from(..., "base64")
// silently skips junk characters, so the shape is checked before decoding.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Parses `id:base64key[,id:base64key…]`; the first entry encrypts. */
export function parsePiiKeys(value: string): PiiKeyRing {
  const entries = value.split(",").map((entry) => entry.trim());
  if (entries.every((entry) => entry === "")) {
    throw new Error('PII_KEYS is empty; expected "id:base64key[,id:base64key...]"');
  }
  const parsed = entries.map((entry, index) => parseEntry(entry, index + 1));
  const byId = new Map<string, Buffer>();
  parsed.forEach(({ id, key }, index) => {
    if (byId.has(id)) throw new Error(`PII_KEYS entry ${index + 1} ("${id}"): duplicate id`);
    byId.set(id, key);
  });
  // entries is non-empty (split always yields one element), so parsed[0] exists.
  const current = parsed[0] as { id: string; key: Buffer };
  return { current, byId };
}

function parseEntry(entry: string, position: number): { id: string; key: Buffer } {
  if (entry === "") throw new Error(`PII_KEYS entry ${position} is empty`);
  const colon = entry.indexOf(":");
  // Without a colon the whole entry may be a bare key, so it is not echoed.
  if (colon === -1) throw new Error(`PII_KEYS entry ${position}: expected "id:base64key"`);
  const id = entry.slice(0, colon).trim();
  if (!KEY_ID.test(id)) {
    throw new Error(`PII_KEYS entry ${position}: id must match [A-Za-z0-9_-]{1,32}`);
  }
  const label = `PII_KEYS entry ${position} ("${id}")`;
  const encoded = entry.slice(colon + 1).trim();
  if (!BASE64.test(encoded)) throw new Error(`${label}: key is not valid base64`);
  const key = Buffer.from(encoded, "base64");
  if (key.length !== PII_KEY_BYTES) {
    throw new Error(`${label}: key must be ${PII_KEY_BYTES} bytes of base64, got ${key.length}`);
  }
  return { id, key };
}
