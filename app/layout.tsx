import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { SerwistProvider } from "@serwist/next/react";
import type { ReactNode } from "react";
import { InstallPromptCapture } from "@/components/install-prompt-capture";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return {
    title: t("title"),
    description: t("description"),
    icons: { icon: "/icons/icon.svg", apple: "/icons/apple-touch-icon.png" },
    appleWebApp: { capable: true, title: "EXQRESS", statusBarStyle: "default" },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b3d2e",
};

const CLIENT_NAMESPACES = ["error", "install", "parcel", "scan"] as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, messages] = await Promise.all([getLocale(), getTranslations("footer"), getMessages()]);
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
          <NextIntlClientProvider messages={clientMessages}>
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
