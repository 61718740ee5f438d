"use client";

import { useTranslations } from "next-intl";
import { wipeOutbox } from "@/lib/courier/outbox";
import styles from "./courier.module.css";

/**
 * Logout that warns when updates are still waiting, then wipes the outbox before the server ends
 * the session (whose Clear-Site-Data clears the rest where the browser honours it).
 */
export function LogoutButton({ pending }: { pending: number }) {
  const t = useTranslations("courier");
  return (
    <form
      method="post"
      action="/api/auth/logout"
      onSubmit={async (event) => {
        const form = event.currentTarget;
        event.preventDefault();
        if (pending > 0 && !window.confirm(t("logoutPending", { count: pending }))) return;
        await wipeOutbox();
        form.submit();
      }}
    >
      <button type="submit" className={`button ${styles.big}`}>
        {t("logout")}
      </button>
    </form>
  );
}
