import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { ResultError, Result } from "@/lib/core/result";
import { OTP_MESSAGES, PASSWORD_MESSAGES, TOO_MANY_ATTEMPTS } from "./auth-sentences";

/**
 * Server actions' errors in the reader's language. lib/ answers in English with a stable
 * `code` and the fields named (tests and scripts read those); the action wrappers turn each
 * into a sentence of the "serverMessages" namespace here, so a Korean page never shows an
 * English error. The code and field names stay as they were.
 */
const BY_TEXT: Record<string, string> = Object.fromEntries([
  ...Object.entries(PASSWORD_MESSAGES).map(([reason, text]) => [text, `password.${reason}`]),
  ...Object.entries(OTP_MESSAGES).map(([reason, text]) => [text, `code.${reason}`]),
  [TOO_MANY_ATTEMPTS, "tooManyAttempts"],
]);

// A field's own sentence when lib's text is not one of the above (zod's, for instance).
const BY_FIELD: Record<string, string> = {
  phone: "phone",
  code: "code.format",
  password: "password.invalid",
  next: "password.invalid",
  current: "password.current",
};

const BY_CODE: Record<string, string> = {
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  unavailable: "unavailable",
  throttled: "throttled",
  rate_limited: "throttled",
  account_exists: "accountExists",
  not_found: "notFound",
  invalid_input: "invalidInput",
};

const fieldKey = (field: string, text: string): string | undefined => BY_TEXT[text] ?? BY_FIELD[field];

async function localizeError(error: ResultError): Promise<ResultError> {
  const [t, locale] = await Promise.all([getTranslations("serverMessages"), getLocale()]);
  // lib's own sentences are English and say exactly what is wrong: an English reader keeps them;
  // a Korean reader gets the field's Korean sentence, or a general one.
  const say = (field: string, text: string) => {
    const key = fieldKey(field, text);
    return key ? t(key) : locale === "en" ? text : t("invalidField");
  };
  const entries = Object.entries(error.fields ?? {});
  const fields = Object.fromEntries(entries.map(([field, texts]) => [field, texts.map((x) => say(field, x))]));
  const first = entries[0];
  const message = first
    ? say(first[0], first[1][0] ?? "")
    : t(BY_TEXT[error.message] ?? BY_CODE[error.code] ?? "failed");
  return { ...error, message, ...(error.fields ? { fields } : {}) };
}

/** The result as it was, with a failure's message and field messages translated. */
export async function localizeResult<T>(result: Result<T>): Promise<Result<T>> {
  return result.ok ? result : { ok: false, error: await localizeError(result.error) };
}
