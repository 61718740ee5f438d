import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * What the service worker shows when a navigation fails offline (precached at install, see
 * serwist.config.mjs and app/sw.ts). It carries nothing personal: the same for every visitor.
 */
export default async function OfflinePage() {
  const t = await getTranslations("offline");
  return (
    <section className="offline" data-testid="offline-page">
      <svg aria-hidden="true" viewBox="0 0 48 48" width="64" height="64" className="offline-icon">
        <path
          d="M6 18a27 27 0 0 1 36 0M12 25a18 18 0 0 1 24 0M18 32a9 9 0 0 1 12 0"
          stroke="currentColor"
          strokeWidth="3.5"
          fill="none"
          strokeLinecap="round"
        />
        <circle cx="24" cy="39" r="3" fill="currentColor" />
        <path d="M8 8l32 32" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" />
      </svg>
      <h1>{t("title")}</h1>
      <p className="lead">{t("body")}</p>
      <div className="actions">
        <RetryButton label={t("retry")} />
        <Link href="/" className="button">
          {t("home")}
        </Link>
      </div>
    </section>
  );
}
