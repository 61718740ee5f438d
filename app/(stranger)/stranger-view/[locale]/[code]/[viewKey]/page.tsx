import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { ParcelDetails } from "@/components/parcel-details";
import { FoundReport } from "@/app/(site)/p/[code]/found-report";
import { isLocale } from "@/lib/i18n/locale";
import { strangerViewUncharged } from "@/lib/parcels/resolve";
import { appDeps } from "@/lib/runtime/app-deps";

type Props = { params: Promise<{ locale: string; code: string; viewKey: string }> };

// No path is known at build time; each is rendered on its first request and kept by Next.js.
// The path names the exact view (lib/parcels/stranger-page.ts), so a kept page never goes stale.
export const dynamicParams = true;
export async function generateStaticParams(): Promise<Awaited<Props["params"]>[]> {
  return [];
}

export default async function StrangerParcelPage({ params }: Props) {
  const { locale, code } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  // Reached only through proxy.ts's rewrite, which has already charged this scan. Should the view
  // change between that look and this render, the page shows the current one: the old key it is
  // kept under is never asked for again.
  const view = await strangerViewUncharged(appDeps(), code);
  if (!view) notFound();
  return (
    <>
      <ParcelDetails view={view} />
      <FoundReport code={view.code} user={null} />
    </>
  );
}
