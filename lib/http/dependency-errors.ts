import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locale";
import { localizeApiError } from "./api-error-locale";
import { apiError } from "./api-response";

const DOWN_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "EPIPE",
  // PostgreSQL's own: shutting down (admin or crash) or still starting up.
  "57P01",
  "57P02",
  "57P03",
]);

/** Whether an error means PostgreSQL or Redis is unreachable (as opposed to a bug). */
export function isDependencyDown(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && DOWN_CODES.has(code)) return true;
    if (current.name === "MaxRetriesPerRequestError") return true;
    // By message too: the production bundle minifies class names, so `name` alone misses it there.
    if (/Connection is closed|Stream isn't writeable|Command timed out|max retries per request/.test(current.message)) {
      return true;
    }
  }
  return false;
}

/**
 * Runs a route handler; an outage of PostgreSQL or Redis becomes a plain 503 the
 * caller can retry, instead of a 500 that reads like a bug. Bugs still throw.
 * An error's message comes in the reader's language (the language switch's cookie, else
 * Accept-Language, else Korean); `code` and `fields` stay as they are.
 */
export async function answerOutages(handler: () => Promise<Response>): Promise<Response> {
  return inReadersLanguage(await answerOrUnavailable(handler));
}

async function answerOrUnavailable(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    if (!isDependencyDown(error)) throw error;
    return apiError(503, "unavailable", "The service is briefly unavailable. Try again shortly.", {
      headers: { "Retry-After": "5" },
    });
  }
}

async function inReadersLanguage(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  let locale;
  try {
    const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
    locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get("accept-language"));
  } catch {
    // Called outside a request (a test calling the handler directly): as lib wrote it.
    return response;
  }
  return localizeApiError(response, locale);
}
