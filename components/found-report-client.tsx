"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { postJson, type JsonResult } from "@/lib/query/fetch-json";
import { ReportOutcome } from "./report-outcome";
import styles from "./parcel-form.module.css";

/** A stranger's "I found this parcel": where, an optional note and an optional way to reach them. */
export function FoundReportClient({ code }: { code: string }) {
  const t = useTranslations("recipient.found");
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<JsonResult<{ reference: string }> | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    setSending(true);
    setResult(
      await postJson(`/api/v1/parcels/${code}/reports`, {
        kind: "found",
        place: text("place"),
        message: text("message"),
        contact: text("contact"),
      }),
    );
    setSending(false);
  }

  if (result?.ok) return <ReportOutcome result={result} />;
  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t("button")}
      </button>
    );
  }
  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="found-title">
      <h2 id="found-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      <label>
        {t("place")}
        <input name="place" required maxLength={100} placeholder={t("placeHint")} />
      </label>
      <label>
        {t("message")}
        <textarea name="message" maxLength={500} rows={3} />
      </label>
      <label>
        {t("contact")}
        <input name="contact" maxLength={100} autoComplete="email" />
        <small>{t("contactHint")}</small>
      </label>
      {result && <ReportOutcome result={result} />}
      <button type="submit" className="button" disabled={sending}>
        {t("send")}
      </button>
    </form>
  );
}
