import { createTranslator } from "next-intl";
import ko from "@/lib/i18n/messages/ko.json";
import type { Locale } from "@/lib/i18n/locale";
import type { ApiErrorBody } from "@/lib/core/api-error";

// Only Korean needs a catalog: an English reader keeps lib's own sentence.
const korean = createTranslator({ locale: "ko", messages: ko, namespace: "apiErrors" });
type Sentence = Parameters<typeof korean>[0];

/**
 * An API error's sentence in the reader's language. lib answers in English with a stable `code`
 * and the fields named (scripts and tests read those, and they never change); an English reader
 * keeps lib's exact sentence, a Korean reader gets the code's Korean sentence (made precise by
 * the one field named, where the catalog has `<code>_<field>`), or a general one.
 */
export function apiErrorMessage(locale: Locale, error: ApiErrorBody["error"]): string {
  if (locale === "en") return error.message;
  const fields = Object.keys(error.fields ?? {});
  const candidates = [fields.length === 1 ? `${error.code}_${fields[0]}` : "", error.code, "failed"];
  const sentence = candidates.find((key) => key !== "" && korean.has(key as Sentence)) as Sentence;
  // A sentence may name what the error names beside its code (`{scope}`), never anything else.
  const named = Object.entries(error).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return korean(sentence, Object.fromEntries(named));
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

/** A JSON error response with its message in `locale`; anything else is returned as it was. */
export async function localizeApiError(response: Response, locale: Locale): Promise<Response> {
  if (locale === "en" || response.status < 400) return response;
  if (!response.headers.get("content-type")?.startsWith("application/json")) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  if (!isErrorBody(body)) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("Content-Language", locale);
  const error = { ...body.error, message: apiErrorMessage(locale, body.error) };
  return new Response(JSON.stringify({ ...body, error }), { status: response.status, headers });
}
