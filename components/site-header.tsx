import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "./language-switch";

export async function SiteHeader() {
  const t = await getTranslations("nav");
  return (
    <header className="site-header">
      <Link href="/" className="brand" aria-label={t("home")}>
        EXQRESS
      </Link>
      <LanguageSwitch />
    </header>
  );
}
