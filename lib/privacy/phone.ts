/**
 * Korean phone numbers: one canonical form for the many ways people write them.
 *
 * The canonical form is digits-only national format ("01012345678",
 * "021234567"). It is what gets hashed (phone-hash.ts) and compared, so the
 * same number written two ways must always normalise to the same string.
 * Masking lives in mask.ts; this module only understands the numbers.
 */

/**
 * Prefixes and the digit counts that may follow them. Only numbers matching one
 * of these are "plausible"; typos and foreign numbers are rejected rather than
 * guessed at, so a lookup by phone never matches the wrong person.
 */
const PLAUSIBLE: readonly RegExp[] = [
  /^010\d{8}$/, // mobile: 010 numbers are always 11 digits
  /^01[16789]\d{7,8}$/, // legacy mobile prefixes, 10 or 11 digits
  /^02\d{7,8}$/, // Seoul
  /^0(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])\d{7,8}$/, // the other area codes
  /^070\d{8}$/, // internet telephony
  /^050\d{8,9}$/, // 050x "safe numbers" (안심번호), common on parcel labels
];

/** Longest input worth parsing; anything longer is not a phone number. */
const MAX_INPUT_CHARS = 40;

/**
 * Digits-only national form of a Korean phone number, or null when the input
 * is not a plausible Korean number. Accepts hyphens, spaces, dots, brackets and
 * a "+82" country prefix; never throws.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== "string" || input.length > MAX_INPUT_CHARS) return null;
  // NFKC folds full-width digits (０１０), which some Korean IMEs produce, to ASCII.
  const text = input.normalize("NFKC").trim();
  // Letters or other symbols mean this is not (only) a phone number: refuse
  // rather than strip them, or "010-1234-5678 ext 9" would silently lose data.
  if (!/^\+?[\d\s().-]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, "");
  if (text.startsWith("+")) {
    if (!digits.startsWith("82")) return null; // a foreign number
    // "+82 10…" drops the trunk 0; "+82 (0)10…" and "+82 010…" keep it.
    digits = digits.slice(2);
    if (!digits.startsWith("0")) digits = `0${digits}`;
  }
  return PLAUSIBLE.some((pattern) => pattern.test(digits)) ? digits : null;
}

/** True for mobile numbers (01x), in any form normalizePhone accepts. */
export function isMobilePhone(phone: string): boolean {
  const digits = normalizePhone(phone);
  return digits !== null && digits.startsWith("01");
}

/**
 * Hyphenated display form: 010-1234-5678, 02-123-4567, 031-123-4567,
 * 0504-1234-5678. Accepts any form normalizePhone accepts. This is formatting,
 * not masking: input that is not a plausible phone is returned unchanged so an
 * authorised viewer still sees what was entered.
 */
export function formatPhone(phone: string): string {
  const digits = normalizePhone(phone);
  if (digits === null) return typeof phone === "string" ? phone : "";
  return formatNormalizedPhone(digits);
}

/** formatPhone for what normalizePhone returned, without normalising it again. */
export function formatNormalizedPhone(digits: string): string {
  // The area code is the only variable-length part; the last group is always 4.
  const area = digits.startsWith("02") ? 2 : digits.startsWith("050") ? 4 : 3;
  return `${digits.slice(0, area)}-${digits.slice(area, -4)}-${digits.slice(-4)}`;
}
