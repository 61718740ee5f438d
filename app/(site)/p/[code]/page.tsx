import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ParcelDetails } from "@/components/parcel-details";
import { appDeps } from "@/lib/runtime/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { resolveParcel } from "@/lib/parcels/resolve";
import { verifySession } from "@/lib/auth/dal";
import { viewerOf } from "@/lib/auth/session-user";
import { loadOwnerPage } from "@/lib/recipient/owner-page";
import { FoundReport } from "@/components/found-report";
import { OwnerSections } from "./owner-sections";

// A parcel page is never indexed, and never stored by a browser or proxy: see next.config.js headers.
export const metadata: Metadata = { robots: { index: false, follow: false } };

type Props = { params: Promise<{ code: string }> };

export default async function ParcelPage({ params }: Props) {
  const [{ code }, requestHeaders, t] = await Promise.all([params, headers(), getTranslations("parcel")]);
  // When Redis cannot confirm a session, the page still answers: as to a stranger (masked).
  const user = await verifySession().catch(() => null);
  const outcome = await resolveParcel(appDeps(), viewerOf(user), code, requestMeta(requestHeaders));
  if (outcome.kind === "not_found") notFound();
  // Strangers never reach this render (proxy.ts sends them to their cached page, or answers 429),
  // unless Redis failed the proxy's look; this is for signed-in viewers, whose buckets are per account.
  if (outcome.kind === "rate_limited") {
    return (
      <p role="alert" className="notice">
        {t("rateLimited", { minutes: Math.ceil(outcome.retryAfterSeconds / 60) })}
      </p>
    );
  }
  const owner = await loadOwnerPage(appDeps(), user, code);
  // The owner's own timeline (with who and where) replaces the plain one.
  const view = owner && outcome.view.visibility === "full" ? { ...outcome.view, timeline: [] } : outcome.view;
  return (
    <>
      <ParcelDetails view={view} />
      {owner ? <OwnerSections page={owner} /> : <FoundReport code={outcome.view.code} user={user} />}
    </>
  );
}
