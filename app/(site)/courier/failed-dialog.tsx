"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FAILED_ATTEMPT_REASONS, type FailedAttemptReason } from "@/lib/parcels/life-cycle";
import styles from "./courier.module.css";
import { DialogButtons } from "./dialog-buttons";
import type { Tap } from "./parcel-actions";

/** A failed attempt needs a reason: five big choices, and a few words for "other". */
export function FailedDialog({ onDone }: { onDone: (item: Omit<Tap, "code"> | null) => void }) {
  const t = useTranslations("courier");
  const [reason, setReason] = useState<FailedAttemptReason | null>(null);
  const [note, setNote] = useState("");
  const ready = reason !== null && (reason !== "other" || note.trim() !== "");
  return (
    <form
      className={styles.dialog}
      aria-labelledby="failed-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onDone({ status: "failed_attempt", reason, ...(reason === "other" ? { note: note.trim() } : {}) });
      }}
    >
      <fieldset>
        <legend id="failed-title">{t("reasonTitle")}</legend>
        {FAILED_ATTEMPT_REASONS.map((value) => (
          <label key={value} className={styles.choice}>
            <input
              type="radio"
              name="reason"
              value={value}
              checked={reason === value}
              onChange={() => setReason(value)}
            />
            {t(`reasons.${value}`)}
          </label>
        ))}
      </fieldset>
      {reason === "other" && (
        <label className={styles.field}>
          {t("note")}
          <input value={note} maxLength={200} required onChange={(event) => setNote(event.target.value)} />
        </label>
      )}
      <DialogButtons ready={ready} onCancel={() => onDone(null)} />
    </form>
  );
}
