import { createTranslator } from "next-intl";
import en from "@/lib/i18n/messages/en.json";
import ko from "@/lib/i18n/messages/ko.json";
import type { Locale } from "@/lib/i18n/locale";

const MESSAGES = { ko, en } as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The answer to a throttled page lookup: 429 with Retry-After for programs, and for the person
 * behind the browser a short page in their language saying when to try again. Static text
 * only (no parcel data), and never stored by anyone.
 */
export function throttledPage(locale: Locale, retryAfterSeconds: number): Response {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "parcel" });
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>EXQRESS</title></head><body style="font-family:system-ui,sans-serif;margin:2rem auto;max-width:32rem;padding:0 1rem;line-height:1.5"><h1>EXQRESS</h1><p role="alert">${escapeHtml(t("rateLimited", { minutes }))}</p></body></html>`;
  // next.config.js's headers (CSP and the rest) are added to this answer as to any other.
  const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" };
  return new Response(body, { status: 429, headers: { ...headers, "Retry-After": String(retryAfterSeconds) } });
}
