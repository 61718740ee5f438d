"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { postJson } from "@/lib/query/fetch-json";
import styles from "./owner.module.css";

/** "개인정보 파기": after the delivery, the owner purges this parcel's personal data now, after a confirmation. */
export function OwnerPurgeClient({ code }: { code: string }) {
  const t = useTranslations("recipient.purge");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);

  async function purge() {
    const result = await postJson(`/api/v1/parcels/${code}/purge`, {});
    setFailed(!result.ok);
    if (result.ok) router.refresh();
  }

  return (
    <div className={styles.buttons}>
      {confirming ? (
        <>
          <p>{t("confirm")}</p>
          <button type="button" className="button" onClick={purge}>
            {t("confirmButton")}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t("cancel")}
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {t("button")}
        </button>
      )}
      {failed && (
        <p role="alert" className="notice">
          {t("failed")}
        </p>
      )}
    </div>
  );
}
