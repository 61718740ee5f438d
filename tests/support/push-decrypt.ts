import { createDecipheriv, createECDH, hkdfSync, randomBytes } from "node:crypto";

/**
 * A browser's side of Web Push encryption, written from the RFCs so a test checks web-push's
 * output against the standard rather than against itself: RFC 8291 (message encryption for
 * Web Push) over RFC 8188 (the aes128gcm content coding).
 */
export type PushKeys = { p256dh: string; auth: string; decrypt: (body: Buffer) => Buffer };

export function browserPushKeys(): PushKeys {
  const ecdh = createECDH("prime256v1");
  const uaPublic = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    p256dh: uaPublic.toString("base64url"),
    auth: authSecret.toString("base64url"),
    decrypt: (body) => decryptAes128gcm(body, ecdh.computeSecret.bind(ecdh), uaPublic, authSecret),
  };
}

const hkdf = (ikm: Buffer, salt: Buffer, info: Buffer, length: number) =>
  Buffer.from(hkdfSync("sha256", ikm, salt, info, length));

function decryptAes128gcm(
  body: Buffer,
  sharedSecret: (peer: Buffer) => Buffer,
  uaPublic: Buffer,
  authSecret: Buffer,
): Buffer {
  // RFC 8188 §2.1: salt (16) | record size (uint32) | idlen (1) | keyid (the sender's public key).
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const records = body.subarray(21 + idLength);
  if (idLength !== 65 || records.length > recordSize) throw new Error("expected one record keyed by a P-256 key");
  // RFC 8291 §3.4: the input keying material from the ECDH secret and the auth secret.
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]);
  const ikm = hkdf(sharedSecret(asPublic), authSecret, keyInfo, 32);
  // RFC 8188 §2.2 and §2.3: the content-encryption key and nonce (first record: sequence 0).
  const cek = hkdf(ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const nonce = hkdf(ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero or more 0x00 of padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end);
}
