import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { verifySession } from "@/lib/auth/dal";
import { env } from "@/lib/config/env";
import { parseParcelCode } from "@/lib/parcels/code";
import { ScanScreen, type ScanMode } from "./scan-screen";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("scan");
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ code?: string | string[]; mode?: string | string[] }> };

/**
 * The scanner. The camera part is a client component loaded only here (with the decoder polyfill
 * where the browser has no BarcodeDetector);
 * this server part picks the starting mode (couriers scan in a row, everyone else opens one parcel)
 * and answers the manual-entry form when it is posted without JavaScript (GET /scan?code=…).
 */
export default async function ScanPage({ searchParams }: Props) {
  const { code, mode } = await searchParams;
  const typed = typeof code === "string" ? code : undefined;
  const parsed = typed ? parseParcelCode(typed) : null;
  if (parsed) redirect(`/p/${parsed}`);
  // When Redis cannot confirm a session the scanner still works, as for anyone.
  const user = await verifySession().catch(() => null);
  const initialMode: ScanMode =
    mode === "single" || mode === "continuous" ? mode : user?.role === "courier" ? "continuous" : "single";
  return <ScanScreen publicUrl={env().PUBLIC_URL} initialMode={initialMode} manualInvalid={typed !== undefined} />;
}
