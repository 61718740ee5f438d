import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { ParcelDetails } from "@/components/parcel-details";
import { FoundReport } from "@/components/found-report";
import { isLocale } from "@/lib/i18n/locale";
import { metrics } from "@/lib/observability/metrics";
import { viewForStrangerPath } from "@/lib/parcels/stranger-page";
import { appDeps } from "@/lib/runtime/app-deps";

type Props = { params: Promise<{ locale: string; code: string; viewKey: string }> };

// No path is known at build time; each is rendered on its first request and kept by Next.js.
// The path names the exact view (lib/parcels/stranger-page.ts), so a kept page never goes stale.
export const dynamicParams = true;
export async function generateStaticParams(): Promise<Awaited<Props["params"]>[]> {
  return [];
}

export default async function StrangerParcelPage({ params }: Props) {
  const { locale, code, viewKey } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  // Reached through proxy.ts's rewrite, which has already charged this scan. A view that is no
  // longer the parcel's throws (never a kept not-found): see StaleStrangerView.
  const view = await viewForStrangerPath(appDeps(), code, viewKey);
  metrics().strangerPageRenders.inc();
  return (
    <>
      <ParcelDetails view={view} />
      <FoundReport code={view.code} user={null} />
    </>
  );
}
