/**
 * The English sentences lib/auth answers with. They live with the translations because
 * server-messages.ts recognises each one to say it in the reader's language; lib/auth imports
 * them from here, so i18n depends on no feature.
 */
export const PASSWORD_MESSAGES = {
  too_short: "Use at least 8 characters.",
  too_long: "Use at most 128 characters.",
  common: "This password is too common. Choose another.",
  contains_identifier: "Do not use your phone number or email in the password.",
  same_as_temporary: "Choose a new password, not the temporary one.",
} as const;

export const OTP_MESSAGES = {
  invalid: "The code is wrong.",
  expired: "The code has expired. Ask for a new one.",
  too_many_attempts: "Too many wrong codes. Ask for a new one.",
} as const;

/** What a refused attempt is told, at the login and wherever else a password is asked. */
export const TOO_MANY_ATTEMPTS = "Too many attempts. Wait a moment and try again.";
