import { randomUUID } from "node:crypto";
import type { NewParcel } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { hashPhoneNumber } from "@/lib/privacy/keys";
import { maskAddress, maskName, maskPhone, maskPostalCode } from "@/lib/privacy/mask";
import { encryptJson } from "@/lib/privacy/pii-crypto";
import { newParcelCode } from "./code";

/** The recipient's personal data: only ever stored encrypted, only ever shown masked or to those allowed. */
export type Recipient = {
  name: string;
  phone: string;
  address: string;
  addressDetail?: string;
  postalCode?: string;
  memo?: string;
};

export type ParcelInput = { recipient: Recipient; itemName?: string; printItemName?: boolean; reference?: string };

/**
 * Turns validated input into a row: a fresh opaque code, the personal data
 * encrypted under the current key (bound to the row's id), the phone's
 * ownership hash, and the masked forms every stranger's view is served from.
 */
export function newParcelRow(
  carrierId: string,
  input: ParcelInput,
  config: Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY">,
): NewParcel {
  const { recipient } = input;
  const phoneHash = hashPhoneNumber(recipient.phone, config);
  if (phoneHash === null) throw new Error("recipient.phone is not a phone number");
  const id = randomUUID();
  const { keyId, ciphertext } = encryptJson(config.PII_KEYS, recipient, id);
  return {
    id,
    code: newParcelCode(),
    carrierId,
    recipientPhoneHash: phoneHash,
    maskedName: maskName(recipient.name),
    maskedPhone: maskPhone(recipient.phone),
    maskedAddress: maskAddress(recipient.address),
    maskedPostalCode: recipient.postalCode ? maskPostalCode(recipient.postalCode) : null,
    piiKeyId: keyId,
    piiCiphertext: ciphertext,
    itemName: input.itemName ?? null,
    printItemName: input.printItemName ?? false,
    reference: input.reference ?? null,
  };
}
