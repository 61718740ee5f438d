import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ParcelDetails } from "@/components/parcel-details";
import { loadAdminParcel } from "@/lib/admin/parcel-detail";
import { requireRole } from "@/lib/auth/dal";
import { appDeps } from "@/lib/runtime/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import styles from "../../console.module.css";
import { ReissueButton } from "./reissue-client";

export const metadata: Metadata = { robots: { index: false, follow: false } };

type Props = { params: Promise<{ code: string }> };

/** One of the carrier's parcels in full: opening it is a disclosure, audited by resolveParcel. */
export default async function AdminParcelPage({ params }: Props) {
  const { code } = await params;
  const user = await requireRole(`/admin/parcels/${encodeURIComponent(code)}`, "admin");
  const [t, format, requestHeaders] = await Promise.all([getTranslations("console.parcel"), getFormatter(), headers()]);
  const parcel = await loadAdminParcel(appDeps(), user, code, requestMeta(requestHeaders));
  if (parcel === null) notFound();
  if (parcel === "rate_limited") return <p role="alert">{t("rateLimited")}</p>;
  const { view } = parcel;
  return (
    <div className="stack">
      <Link href="/admin/parcels">← {t("back")}</Link>
      <ParcelDetails view={view} />
      <dl className="facts">
        <dt>{t("reference")}</dt>
        <dd>{parcel.reference ?? "—"}</dd>
        <dt>{t("courier")}</dt>
        <dd>{parcel.courierEmail ?? "—"}</dd>
        <dt>{t("registeredAt")}</dt>
        <dd>{format.dateTime(new Date(parcel.createdAt), { dateStyle: "medium", timeStyle: "short" })}</dd>
        {parcel.pinLocked && (
          <>
            <dt>{t("pin")}</dt>
            <dd data-testid="pin-locked">{t("pinLocked")}</dd>
          </>
        )}
      </dl>
      {view.visibility === "full" && <p className="notice">{t("audited")}</p>}
      {parcel.proofPhoto && (
        <section aria-labelledby="proof-title" className="stack">
          <h2 id="proof-title">{t("proofTitle")}</h2>
          <p className="notice">{t("proofAudited")}</p>
          {/* A plain <img> from the audited, never-cached photo route (next/image would cache a copy). */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img className={styles.photo} src={`/api/v1/parcels/${view.code}/proof/photo`} alt={t("proofAlt")} />
        </section>
      )}
      <div className={styles.actions}>
        <a className="button" href={`/api/v1/parcels/${view.code}/label.pdf?size=4x6`}>
          {t("label")}
        </a>
        <ReissueButton
          code={view.code}
          labels={{
            reissue: t("reissue"),
            confirm: t("reissueConfirm"),
            yes: t("reissueYes"),
            no: t("reissueNo"),
            failed: t("reissueFailed"),
          }}
        />
      </div>
    </div>
  );
}
