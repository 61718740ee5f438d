import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** Any URL no route matches. It has no layout of ours around it (there are two root layouts). */
export default async function GlobalNotFound() {
  const [locale, t, nav] = await Promise.all([getLocale(), getTranslations("error"), getTranslations("nav")]);
  return (
    <html lang={locale}>
      <body>
        <main>
          <section className="notice">
            <h1>{t("notFoundTitle")}</h1>
            <p>{t("notFoundBody")}</p>
            <p>
              <Link href="/">{nav("home")}</Link>
            </p>
          </section>
        </main>
      </body>
    </html>
  );
}
