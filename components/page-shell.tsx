import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { SerwistProvider } from "@serwist/next/react";
import type { ReactNode } from "react";
import { InstallPromptCapture } from "@/components/install-prompt-capture";
import { SiteHeader } from "@/components/site-header";
import type { Locale } from "@/lib/i18n/locale";

export async function siteMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "meta" });
  return {
    title: t("title"),
    description: t("description"),
    icons: { icon: "/icons/icon.svg", apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: "EXQRESS", statusBarStyle: "default" },
  };
}

export const siteViewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b3d2e",
};

const CLIENT_NAMESPACES = ["error", "install", "parcel", "scan"] as const;

/**
 * The document every page sits in. Two root layouts use it: the site's, whose language comes
 * from the request, and the stranger's parcel page, whose language is part of its cached path.
 */
export async function PageShell({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [t, messages] = await Promise.all([getTranslations({ locale, namespace: "footer" }), getMessages({ locale })]);
  // Client components only translate these namespaces; sending every message with every page
  // would make each render (and the RSC payload) carry the whole dictionary.
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((name) => [name, messages[name]]));
  return (
    <html lang={locale}>
      <body>
        {/* The service worker (app/sw.ts, built into public/sw.js) only in production builds. Pages are
            never handed to it for caching (cacheOnNavigation), and coming back online does not
            reload the page, which would throw away a courier's list of scanned parcels. */}
        <SerwistProvider
          swUrl="/sw.js"
          disable={process.env.NODE_ENV !== "production"}
          cacheOnNavigation={false}
          reloadOnOnline={false}
          options={{ scope: "/", type: "classic", updateViaCache: "none" }}
        >
          <NextIntlClientProvider locale={locale} messages={clientMessages}>
            <InstallPromptCapture />
            <SiteHeader />
            <main>{children}</main>
            <footer className="site-footer">EXQRESS · {t("tagline")}</footer>
          </NextIntlClientProvider>
        </SerwistProvider>
      </body>
    </html>
  );
}
