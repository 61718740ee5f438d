import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { refererPath } from "@/lib/http/same-origin";
import { setLocaleAction } from "@/lib/i18n/actions";

/** A one-button form: posts the other language, so it also works before JavaScript loads. */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("nav")]);
  const other = locale === "ko" ? "en" : "ko";
  async function switchLanguage(formData: FormData) {
    "use server";
    const result = await setLocaleAction(formData);
    // Back to the page the switch is on, asked for anew: a stranger's kept parcel page has its
    // language in its path, which only a new request to /p/{code} chooses again.
    if (result.ok) redirect(refererPath((await headers()).get("referer"), "/"));
  }
  return (
    <form action={switchLanguage} className="language-switch">
      <input type="hidden" name="locale" value={other} />
      <button type="submit" lang={other} aria-label={`${t("language")}: ${t("switchTo")}`}>
        {t("switchTo")}
      </button>
    </form>
  );
}
