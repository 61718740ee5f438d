import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/lib/i18n/actions";

/** A one-button form: posts the other language, so it also works before JavaScript loads. */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("nav")]);
  const other = locale === "ko" ? "en" : "ko";
  async function switchLanguage(formData: FormData) {
    "use server";
    await setLocaleAction(formData);
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
