import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ParcelDetails } from "@/components/parcel-details";
import { appDeps } from "@/lib/runtime/app-deps";
import { lookupWasCharged } from "@/lib/http/charged-lookup";
import { requestMeta } from "@/lib/http/request-meta";
import { resolveParcel } from "@/lib/parcels/resolve";
import { verifySession } from "@/lib/auth/dal";
import { viewerOf } from "@/lib/core/session-user";
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
  // proxy.ts has charged the look-up (and answered a refusal with 429) unless Redis failed it there.
  const precharged = lookupWasCharged(requestHeaders);
  const outcome = await resolveParcel(appDeps(), viewerOf(user), code, requestMeta(requestHeaders), { precharged });
  if (outcome.kind === "not_found") notFound();
  // Only when the proxy could not charge the look-up (Redis failed it there) or a server action
  // re-renders the page: a page cannot answer 429 itself.
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
