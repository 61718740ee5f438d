"use client";

import { useTranslations } from "next-intl";
import { turnPushOff } from "@/components/push-browser";
import { outboxHoldsAny, wipeOutbox } from "@/lib/courier/outbox";
import styles from "./courier.module.css";

/**
 * Logout that warns when updates are still waiting, then wipes this courier's outbox before the
 * server ends the session, whose Clear-Site-Data clears the rest where the browser honours it;
 * unless another courier's updates wait on this phone for their owner: then `keep` asks the server
 * to spare the storage that holds them (none of it is shown to anyone else).
 */
export function LogoutButton({ owner, pending }: { owner: string; pending: number }) {
  const t = useTranslations("courier");
  return (
    <form
      method="post"
      action="/api/auth/logout"
      onSubmit={async (event) => {
        const form = event.currentTarget;
        event.preventDefault();
        if (pending > 0 && !window.confirm(t("logoutPending", { count: pending }))) return;
        await wipeOutbox(owner);
        // The server drops this session's subscriptions too; the browser's goes here.
        await turnPushOff().catch(() => undefined);
        if (await outboxHoldsAny()) form.append(Object.assign(document.createElement("input"), keepOutbox));
        form.submit();
      }}
    >
      <button type="submit" className={`button ${styles.big}`}>
        {t("logout")}
      </button>
    </form>
  );
}

const keepOutbox = { type: "hidden", name: "keep", value: "outbox" };
