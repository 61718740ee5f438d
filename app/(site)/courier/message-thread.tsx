"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { courierQueries, isRefusal } from "@/lib/courier/queries";
import styles from "./courier.module.css";
import { MessageReply } from "./message-reply";

/**
 * One parcel's thread with its recipient: who wrote (the recipient or me) and when, and a reply
 * while the delivery is under way. Loading it marks it read, so the card's count goes to zero.
 */
export function MessageThread({ code, onClose }: { code: string; onClose: () => void }) {
  const t = useTranslations("courier.messages");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const options = courierQueries.thread(code);
  const thread = useQuery(options);
  const heading = useRef<HTMLHeadingElement>(null);
  // Closed under the courier's fingers: the sentence then also says that the reply was not sent.
  const [closedOnSend, setClosedOnSend] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!thread.data) return;
    queryClient.setQueryData(courierQueries.list().queryKey, (parcels) =>
      parcels?.map((parcel) => (parcel.code === code ? { ...parcel, unreadMessages: 0 } : parcel)),
    );
  }, [thread.data, code, queryClient]);

  return (
    <section className={`${styles.dialog} ${styles.thread}`} aria-labelledby={`thread-${code}`}>
      <h3 id={`thread-${code}`} ref={heading} tabIndex={-1}>
        {t("title")}
      </h3>
      {thread.isPending && <p role="status">{t("loading")}</p>}
      {thread.isError && <p role="alert">{t(isRefusal(thread.error) ? "gone" : "loadFailed")}</p>}
      {thread.data && (
        <>
          <p className={styles.hint}>{t("intro")}</p>
          {thread.data.messages.length === 0 && <p>{t("empty")}</p>}
          <ol className={styles.lines}>
            {thread.data.messages.map((message) => (
              <li key={message.id} data-mine={message.mine}>
                <small>
                  {message.mine ? t("me") : t("recipient")}
                  {" · "}
                  <time dateTime={message.at}>{format.dateTime(new Date(message.at), { timeStyle: "short" })}</time>
                </small>
                <p>{message.body}</p>
              </li>
            ))}
          </ol>
          {thread.data.open ? (
            <MessageReply
              code={code}
              onSent={() => void thread.refetch()}
              onClosed={() => {
                setClosedOnSend(true);
                queryClient.setQueryData(options.queryKey, (data) => data && { ...data, open: false });
              }}
            />
          ) : (
            <p className={styles.closedThread} role={closedOnSend ? "alert" : undefined}>
              {t(closedOnSend ? "closedNow" : "closed")}
            </p>
          )}
        </>
      )}
      <button type="button" className={`button ${styles.big}`} onClick={onClose}>
        {t("close")}
      </button>
    </section>
  );
}
