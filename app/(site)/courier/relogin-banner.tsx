"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import styles from "./courier.module.css";

const LOGIN = `/login?next=${encodeURIComponent("/courier")}`;

/**
 * The session ended while updates wait (a shift's long gap without signal, an admin's logout): they
 * are kept on the phone, and one big button takes the courier to log in and back, where they send.
 */
export function ReloginBanner({ waiting }: { waiting: number }) {
  const t = useTranslations("courier");
  return (
    <section role="alert" className={`${styles.dialog} ${styles.relogin}`} data-testid="relogin">
      <p>{t("relogin", { count: waiting })}</p>
      <Link href={LOGIN} className={`button primary ${styles.big}`}>
        {t("reloginAction")}
      </Link>
    </section>
  );
}
