/**
 * Personal data for bench:scale. Encrypting ten million payloads one by one would make the fill
 * mostly AES-GCM, so a small pool is encrypted once with the run's real key ring and reused: each
 * stored ciphertext has the real size and shape, but is bound to another row (its associated
 * data is not the parcel's id), so only the demo recipient's parcels, encrypted for real, can be
 * opened. The benchmark measures storage and query paths, not decryption of those rows.
 */
import { hashNormalizedPhone } from "@/lib/privacy/keys";
import { maskAddress, maskName, maskNormalizedPhone, maskPostalCode } from "@/lib/privacy/mask";
import { normalizePhone } from "@/lib/privacy/phone";
import { encryptJson, encryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import type { Recipient } from "@/lib/parcels/new-parcel";
import { parcelJson } from "../fixtures";
import { byteaHex } from "./copy-text";

export type Payload = {
  maskedName: string;
  maskedAddress: string;
  maskedPostalCode: string | null;
  itemName: string | null;
  keyId: string;
  /** The ciphertext as COPY text (byteaHex). */
  ciphertext: string;
};
export type PayloadPool = { keyId: string; payloads: Payload[]; message: string; contact: string };
type Keys = { PII_KEYS: string; AUTH_SECRET: string; PHONE_HASH_KEY?: string };

const POOL_SIZE = 64;

function payload(keys: Keys, recipient: Recipient, itemName: string | undefined, aad: string): Payload {
  const { keyId, ciphertext } = encryptJson(piiKeyRing(keys.PII_KEYS), recipient, aad);
  return {
    maskedName: maskName(recipient.name),
    maskedAddress: maskAddress(recipient.address),
    maskedPostalCode: recipient.postalCode ? maskPostalCode(recipient.postalCode) : null,
    itemName: itemName ?? null,
    keyId,
    ciphertext: byteaHex(ciphertext),
  };
}

export function payloadPool(keys: Keys): PayloadPool {
  const ring = piiKeyRing(keys.PII_KEYS);
  const payloads = Array.from({ length: POOL_SIZE }, (_, i) => {
    const { recipient, itemName } = parcelJson(i * 7919);
    return payload(keys, recipient, itemName, `pool-${i}`);
  });
  const message = encryptPii(ring, "문 앞에 두었습니다. 확인 부탁드립니다.", "pool-message");
  const contact = encryptPii(ring, JSON.stringify({ phone: "010-5555-0100" }), "pool-contact");
  return {
    keyId: message.keyId,
    payloads,
    message: byteaHex(message.ciphertext),
    contact: byteaHex(contact.ciphertext),
  };
}

/** A phone's ownership hash and masked form. */
export function phoneOf(keys: Keys, phone: string): { hash: string; masked: string } {
  const normalized = normalizePhone(phone);
  if (normalized === null) throw new Error(`not a phone number: ${phone}`);
  return { hash: hashNormalizedPhone(normalized, keys), masked: maskNormalizedPhone(normalized) };
}

/** A payload encrypted for the parcel `id` itself, so its owner's page opens it. */
export function ownedPayload(keys: Keys, phone: string): (id: string) => Payload {
  return (id) => {
    const { recipient, itemName } = parcelJson(id.charCodeAt(35));
    return payload(keys, { ...recipient, phone }, itemName, id);
  };
}
