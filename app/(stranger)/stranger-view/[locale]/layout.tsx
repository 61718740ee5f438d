import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { PageShell, siteMetadata, siteViewport } from "@/components/page-shell";
import { isLocale } from "@/lib/i18n/locale";
import "../../../globals.css";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { ...(await siteMetadata(locale)), robots: { index: false, follow: false } } : {};
}

export const viewport = siteViewport;

/**
 * The root layout of the stranger's parcel page (lib/parcels/stranger-page.ts): its own, because
 * the site's reads the language from the request, and a page that reads the request cannot be
 * kept by Next.js. Here the language is part of the path.
 */
export default async function StrangerLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return <PageShell locale={locale}>{children}</PageShell>;
}
