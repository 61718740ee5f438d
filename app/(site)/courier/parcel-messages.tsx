"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { UnreadBadge } from "@/components/unread-badge";
import type { CourierParcel } from "@/lib/courier/types";
import styles from "./courier.module.css";

// The thread's code loads on the first tap: the list itself stays as light as it was.
const MessageThread = dynamic(() => import("./message-thread").then((module) => module.MessageThread), {
  ssr: false,
});

/** The card's "Messages" button with the unread count, and the thread under it once opened. */
export function ParcelMessages({ parcel }: { parcel: CourierParcel }) {
  const t = useTranslations("courier.messages");
  const [open, setOpen] = useState(false);
  const count = parcel.unreadMessages;
  return (
    <>
      <button
        type="button"
        className={`button ${styles.big} ${styles.messagesButton}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t("open")}
        <UnreadBadge count={count} label={t("unread", { count })} />
      </button>
      {open && <MessageThread code={parcel.code} onClose={() => setOpen(false)} />}
    </>
  );
}
