import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
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

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("footer");
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
          <NextIntlClientProvider>
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
