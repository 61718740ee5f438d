import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { PageShell, siteMetadata, siteViewport } from "@/components/page-shell";
import type { Locale } from "@/lib/i18n/locale";
import "../globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return siteMetadata((await getLocale()) as Locale);
}

export const viewport = siteViewport;

/** Every page but the stranger's parcel page: the language comes from the cookie or Accept-Language. */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  return <PageShell locale={(await getLocale()) as Locale}>{children}</PageShell>;
}
