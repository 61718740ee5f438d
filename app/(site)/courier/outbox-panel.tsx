"use client";

import { useTranslations } from "next-intl";
import type { OutboxItem } from "@/lib/courier/outbox";
import styles from "./courier.module.css";

const KNOWN_ERRORS = new Set([
  "not_assigned",
  "invalid_transition",
  "parcel_final",
  "proof_required",
  "pin_wrong",
  "pin_locked",
  "not_found",
]);

/** What waits to be sent and what the server refused (with why), each refused one with retry and discard. */
export function OutboxPanel(props: {
  items: OutboxItem[];
  onRetry: (item: OutboxItem) => void;
  onDiscard: (item: OutboxItem) => void;
}) {
  const t = useTranslations("courier");
  const pending = props.items.filter((item) => item.state === "pending");
  const failed = props.items.filter((item) => item.state === "failed");
  if (props.items.length === 0) return null;
  const why = (item: OutboxItem) =>
    item.error && KNOWN_ERRORS.has(item.error.code)
      ? t(`errors.${item.error.code}`)
      : t("errors.other", { code: item.error?.code ?? "" });
  return (
    <section className={styles.outbox} aria-labelledby="outbox-title" data-testid="outbox">
      <h2 id="outbox-title">{t("outbox")}</h2>
      {pending.length > 0 && <p role="status">{t("pending", { count: pending.length })}</p>}
      {failed.length > 0 && (
        <>
          <p role="alert">{t("failed", { count: failed.length })}</p>
          <ul className={styles.cards}>
            {failed.map((item) => (
              <li key={item.id} className={styles.failedItem}>
                <p>
                  <strong>{t(`actions.${item.status}`)}</strong> · <code>{item.code.slice(-6)}</code>
                </p>
                <p>{t("rolledBack", { code: item.code.slice(-6), reason: why(item) })}</p>
                <div className={styles.actions}>
                  <button type="button" className={`button ${styles.big}`} onClick={() => props.onRetry(item)}>
                    {t("retry")}
                  </button>
                  <button type="button" className={`button ${styles.big}`} onClick={() => props.onDiscard(item)}>
                    {t("discard")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
