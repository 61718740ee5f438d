"use client";

import { useTranslations } from "next-intl";
import styles from "./courier.module.css";

/** Confirm (submits the dialog's form once it is complete) and cancel, big, side by side. */
export function DialogButtons({ ready, onCancel }: { ready: boolean; onCancel: () => void }) {
  const t = useTranslations("courier");
  return (
    <div className={styles.actions}>
      <button type="submit" className={`button primary ${styles.big}`} disabled={!ready}>
        {t("confirm")}
      </button>
      <button type="button" className={`button ${styles.big}`} onClick={onCancel}>
        {t("cancel")}
      </button>
    </div>
  );
}
