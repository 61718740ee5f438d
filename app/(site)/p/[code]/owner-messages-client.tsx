"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { ThreadMessage } from "@/lib/messages/thread";
import { fetchJson, postJson } from "@/lib/query/fetch-json";
import { pollInterval } from "@/lib/recipient/poll-interval";
import formStyles from "@/components/parcel-form.module.css";
import styles from "./owner.module.css";

type Thread = { open: boolean; messages: ThreadMessage[] };

/**
 * The thread with the assigned courier, polled (slower while the tab is hidden). A plain
 * fetch loop rather than TanStack Query: the parcel page is also every stranger's, and
 * stays free of that library.
 */
export function OwnerMessagesClient({ code, open }: { code: string; open: boolean }) {
  const t = useTranslations("recipient.messages");
  const format = useFormatter();
  const [thread, setThread] = useState<Thread>({ open, messages: [] });
  const [failure, setFailure] = useState<"invalid" | "failed" | null>(null);
  const url = `/api/v1/parcels/${code}/messages`;

  const load = useCallback(async () => {
    const result = await fetchJson<Thread>(url);
    if (result.ok) setThread(result.data);
  }, [url]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      await load();
      timer = setTimeout(tick, pollInterval());
    };
    void tick();
    return () => clearTimeout(timer);
  }, [load]);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = String(new FormData(form).get("body") ?? "").trim();
    const result = await postJson(url, { body });
    setFailure(result.ok ? null : result.status === 400 ? "invalid" : "failed");
    if (result.ok) {
      form.reset();
      await load();
    }
  }

  return (
    <section aria-labelledby="messages-title" className={styles.section}>
      <h2 id="messages-title">{t("title")}</h2>
      <p className={styles.hint}>{thread.open ? t("intro") : t("closed")}</p>
      <ol className={styles.thread}>
        {thread.messages.map((message) => (
          <li key={message.id} data-mine={message.mine}>
            <small>
              {message.mine
                ? t("me")
                : message.from === "courier"
                  ? t("courier", { name: message.courierName ?? "" })
                  : t("recipient")}
              {" · "}
              {format.dateTime(new Date(message.at), { timeStyle: "short" })}
            </small>
            <p>{message.body}</p>
          </li>
        ))}
      </ol>
      {thread.open && (
        <form className={formStyles.form} onSubmit={send}>
          <label>
            {t("label")}
            <input name="body" required maxLength={500} placeholder={t("placeholder")} />
          </label>
          <button type="submit" className="button">
            {t("send")}
          </button>
        </form>
      )}
      {failure && (
        <p role="alert" className="notice">
          {t(failure)}
        </p>
      )}
    </section>
  );
}
