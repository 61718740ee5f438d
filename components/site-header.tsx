import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "./language-switch";

export async function SiteHeader() {
  const t = await getTranslations("nav");
  return (
    <header className="site-header">
      {/* On every page, and rarely followed: not worth a prefetch on each load. */}
      <Link href="/" className="brand" aria-label={t("home")} prefetch={false}>
        EXQRESS
      </Link>
      <LanguageSwitch />
    </header>
  );
}
