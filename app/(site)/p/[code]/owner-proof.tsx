import { getTranslations } from "next-intl/server";
import type { OwnerProof as Proof } from "@/lib/recipient/delivery-proof";
import styles from "./owner.module.css";

/**
 * The delivery proof for the owner alone: the PIN to tell the courier while the delivery is under
 * way, and the courier's photo once delivered (served by the authorised photo route, never cached).
 */
export async function OwnerProof({ code, proof }: { code: string; proof: Proof }) {
  if (!proof.photo && !proof.pin && !proof.pinLocked) return null;
  const t = await getTranslations("recipient.proof");
  return (
    <section aria-labelledby="proof-title" className={styles.section}>
      <h2 id="proof-title">{t("title")}</h2>
      {proof.pin && (
        <div className={styles.pin}>
          <p>{t("pinLabel")}</p>
          <strong data-testid="delivery-pin" aria-label={t("pinAria", { pin: proof.pin.split("").join(" ") })}>
            {proof.pin}
          </strong>
          <p className={styles.hint}>{t("pinHint")}</p>
        </div>
      )}
      {proof.pinLocked && <p className="notice">{t("pinLocked")}</p>}
      {proof.photo && (
        // A plain <img>: next/image would copy it through the image optimiser's cache.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          className={styles.photo}
          src={`/api/v1/parcels/${code}/proof/photo`}
          alt={t("photoAlt")}
          data-testid="delivery-photo"
        />
      )}
    </section>
  );
}
