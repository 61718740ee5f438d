"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { postJson } from "@/lib/query/fetch-json";
import styles from "./courier.module.css";

type Failure = "offline" | "invalid" | "closedNow" | "rateLimited" | "gone" | "failed";

/** Status 0 is no answer at all: the phone is offline or the network dropped the request. */
function failureOf(status: number): Failure {
  if (status === 0) return "offline";
  if (status === 400) return "invalid";
  if (status === 409) return "closedNow";
  if (status === 429) return "rateLimited";
  if (status === 403 || status === 404) return "gone";
  return "failed";
}

/**
 * The reply box. A reply is sent now or not at all: it does not go into the outbox, which holds
 * status updates in order for a parcel, so offline it says plainly that nothing was sent and
 * keeps the text for another try.
 */
export function MessageReply(props: { code: string; onSent: () => void; onClosed: () => void }) {
  const t = useTranslations("courier.messages");
  const [body, setBody] = useState("");
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = body.trim();
    if (!text || sending) return;
    if (!navigator.onLine) return setFailure("offline");
    setSending(true);
    const result = await postJson(`/api/v1/parcels/${encodeURIComponent(props.code)}/messages`, { body: text });
    setSending(false);
    if (result.ok) {
      setBody("");
      setFailure(null);
      props.onSent();
      return;
    }
    const why = failureOf(result.status);
    setFailure(why);
    if (why === "closedNow") props.onClosed();
  }

  return (
    <form className={styles.reply} onSubmit={send}>
      <label className={styles.field}>
        {t("label")}
        <textarea
          name="body"
          rows={3}
          maxLength={500}
          required
          value={body}
          placeholder={t("placeholder")}
          onChange={(event) => setBody(event.target.value)}
        />
      </label>
      {failure && (
        <p role="alert" className={styles.sendFailed}>
          {t(failure)}
        </p>
      )}
      <button type="submit" className={`button primary ${styles.big}`} disabled={sending}>
        {sending ? t("sending") : t("send")}
      </button>
    </form>
  );
}
