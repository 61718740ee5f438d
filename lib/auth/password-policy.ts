import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The rules a new password must pass (sign-up, password change, accounts an admin
 * creates): NIST SP 800-63B style, so length and a blocklist rather than
 * composition rules. Pasting is allowed; nothing here limits which characters.
 */
export type PasswordCheck =
  { ok: true } | { ok: false; reason: "too_short" | "too_long" | "common" | "contains_identifier" };
export type PasswordContext = { phone?: string; email?: string };

const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_LENGTH = 128;
// Shorter local parts ("kim", "a") would refuse too many good passwords by accident.
const MIN_CONTAINED_LENGTH = 4;

let common: Set<string> | undefined;

/**
 * zxcvbn-ts's ranked list of leaked passwords (about 49,000, most common first,
 * all lower case), built into a Set on first use and kept for the process.
 */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"]);
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** The phone as people write it into passwords: all digits, without the country code or 0, the last 8. */
function phoneForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return digits ? [digits] : [];
  const national = digits.replace(/^82/, "").replace(/^0/, "");
  return [digits, national, `0${national}`, digits.slice(-8)];
}

function emailForms(email: string): string[] {
  const at = email.lastIndexOf("@");
  const local = (at >= 0 ? email.slice(0, at) : email).trim().toLowerCase();
  return local ? [local, local.split("+")[0] ?? local] : [];
}

function containsIdentifier(password: string, context: PasswordContext): boolean {
  const lower = password.toLowerCase();
  // "010-1234-5678" and "010 1234 5678" in a password are still the phone number.
  const compact = lower.replace(/[\s\-.()+]/g, "");
  const phones = context.phone ? phoneForms(context.phone) : [];
  const emails = context.email ? [context.email.trim().toLowerCase(), ...emailForms(context.email)] : [];
  return [...phones, ...emails].some(
    (form) =>
      form !== "" &&
      (lower === form || (form.length >= MIN_CONTAINED_LENGTH && (lower.includes(form) || compact.includes(form)))),
  );
}

export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const length = [...password].length; // code points, not UTF-16 units: "😀" or "한" counts once
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: "too_short" };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "too_long" };
  if (isCommonPassword(password)) return { ok: false, reason: "common" };
  if (containsIdentifier(password, context)) return { ok: false, reason: "contains_identifier" };
  return { ok: true };
}
