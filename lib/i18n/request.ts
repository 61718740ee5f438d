import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale } from "./locale";

/**
 * next-intl calls this once per request (cached) for every server component and action. A page
 * whose language is part of its path (the stranger's cached parcel page) sets it with
 * setRequestLocale, so rendering it reads no cookie or header and Next.js may keep the result;
 * everywhere else the cookie or Accept-Language decides.
 */
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : await localeOfRequest();
  return {
    locale,
    messages: (await import(`./messages/${locale}.json`)).default,
    timeZone: "Asia/Seoul",
  };
});

async function localeOfRequest() {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get("accept-language"));
}
