import { z } from "zod";
import { MASK, maskName } from "@/lib/privacy/mask";
import { normalizePhone } from "@/lib/privacy/phone";
import { freeText, textProblem } from "@/lib/validation/free-text";

/**
 * What a carrier may send for one parcel (docs/api.md, parcel input). Strict:
 * an unknown field is an error, so a typo never silently drops data. Text is
 * refused rather than cleaned when it carries markup, control, invisible or
 * direction-changing characters (lib/validation/free-text.ts) or emoji where a
 * person's name or address belongs.
 */
// People and businesses as shippers write them ("(주)11번가", "3M 코리아", "홍길동 (경비실)"):
// letters, digits and a few symbols, and only what maskName recognises as a name (brackets
// balanced, a letter somewhere), so every accepted name has a sensible masked form. Emoji
// sequences are refused by their joiners and selectors too (a keycap 1️⃣ is a digit plus marks).
const NAME = /^[\p{L}\p{M}\p{N} .'’·&,/()[\]㈜-]+$/u;
const EMOJI_PARTS = /[\p{Extended_Pictographic}\u200d\ufe0f\u20e3]/u;
const isName = (value: string) => NAME.test(value) && !EMOJI_PARTS.test(value) && maskName(value) !== MASK;
const ADDRESS = /^[\p{L}\p{M}\p{N} ,.()#/'&-]+$/u;
const NOT_EMOJI = /^[^\p{Extended_Pictographic}]*$/u;

const text = freeText;
const optionalText = (max: number) => text(max).optional();

const recipientSchema = z.strictObject({
  name: text(100).refine(isName, "must be a name: letters, digits, spaces and . ' - & , / ( ) only"),
  phone: z
    .string({ error: "must be text" })
    .trim()
    .max(32, "must be at most 32 characters")
    .refine((value) => normalizePhone(value) !== null, "must be a Korean phone number, e.g. 010-1234-5678"),
  address: text(200).regex(ADDRESS, "must be an address: letters, digits, spaces and , . ( ) # / - only"),
  addressDetail: optionalText(100).refine(
    (value) => value === undefined || ADDRESS.test(value),
    "must be letters, digits, spaces and , . ( ) # / - only",
  ),
  postalCode: z
    .string({ error: "must be text" })
    .trim()
    .regex(/^\d{5}$/, "must be 5 digits")
    .optional(),
  memo: optionalText(200).refine((value) => value === undefined || NOT_EMOJI.test(value), "must not contain emoji"),
});

export const parcelInputSchema = z.strictObject({
  recipient: recipientSchema,
  itemName: optionalText(100).refine((value) => value === undefined || NOT_EMOJI.test(value), "must not contain emoji"),
  printItemName: z.boolean({ error: "must be true or false" }).optional(),
  reference: optionalText(100),
});

export type ParcelInputData = z.output<typeof parcelInputSchema>;

const MAX_BATCH = 10_000;

export const batchInputSchema = z.strictObject({
  parcels: z
    .array(z.unknown(), { error: "must be a list of parcels" })
    .min(1, "must hold at least one parcel")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} parcels`),
});

const PARCEL_KEYS: ReadonlySet<string> = new Set(Object.keys(parcelInputSchema.shape));
const RECIPIENT_KEYS: ReadonlySet<string> = new Set(Object.keys(recipientSchema.shape));

/** A plain object with no keys but `allowed` and no value undefined (zod keeps those keys as undefined). */
function isRecordOf(value: unknown, allowed: ReadonlySet<string>): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).every(([key, field]) => allowed.has(key) && field !== undefined);
}

/** `text(max)`'s result, or null. */
function checkedText(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max && textProblem(trimmed) === null ? trimmed : null;
}

function recipientFastPath(value: unknown): ParcelInputData["recipient"] | null {
  if (!isRecordOf(value, RECIPIENT_KEYS)) return null;
  const name = checkedText(value.name, 100);
  const phone = typeof value.phone === "string" ? value.phone.trim() : null;
  const address = checkedText(value.address, 200);
  if (name === null || !isName(name) || phone === null || phone.length > 32 || normalizePhone(phone) === null) {
    return null;
  }
  if (address === null || !ADDRESS.test(address)) return null;
  const recipient: ParcelInputData["recipient"] = { name, phone, address };
  if ("addressDetail" in value) {
    const detail = checkedText(value.addressDetail, 100);
    if (detail === null || !ADDRESS.test(detail)) return null;
    recipient.addressDetail = detail;
  }
  if ("postalCode" in value) {
    const postal = typeof value.postalCode === "string" ? value.postalCode.trim() : "";
    if (!/^\d{5}$/.test(postal)) return null;
    recipient.postalCode = postal;
  }
  if ("memo" in value) {
    const memo = checkedText(value.memo, 200);
    if (memo === null || !NOT_EMOJI.test(memo)) return null;
    recipient.memo = memo;
  }
  return recipient;
}

/**
 * What parcelInputSchema.safeParse gives a parcel that passes every rule, without zod's
 * machinery (a batch of 10,000 spent ~40 ms in it); null for anything else, which then goes
 * through the schema for its messages. The same rules in the same terms: text is trimmed and
 * then checked, and an optional field is in the result, in the schema's order, only when it
 * was in the input. A unit test holds the two to the same answers.
 */
export function parcelInputFastPath(value: unknown): ParcelInputData | null {
  if (!isRecordOf(value, PARCEL_KEYS)) return null;
  const recipient = recipientFastPath(value.recipient);
  if (recipient === null) return null;
  const parcel: ParcelInputData = { recipient };
  if ("itemName" in value) {
    const itemName = checkedText(value.itemName, 100);
    if (itemName === null || !NOT_EMOJI.test(itemName)) return null;
    parcel.itemName = itemName;
  }
  if ("printItemName" in value) {
    if (typeof value.printItemName !== "boolean") return null;
    parcel.printItemName = value.printItemName;
  }
  if ("reference" in value) {
    const reference = checkedText(value.reference, 100);
    if (reference === null) return null;
    parcel.reference = reference;
  }
  return parcel;
}
