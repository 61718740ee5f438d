"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { postJson, type JsonResult } from "@/lib/query/fetch-json";
import { ReportOutcome } from "@/components/report-outcome";
import formStyles from "@/components/parcel-form.module.css";
import styles from "./owner.module.css";

type Kind = "not_mine" | "return";

/** The owner's "Not mine" and "Return it": each asks for a reason, then shows the reference number. */
export function OwnerReportsClient({ code }: { code: string }) {
  const t = useTranslations("recipient.ownerReport");
  const router = useRouter();
  const [kind, setKind] = useState<Kind | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<JsonResult<{ reference: string }> | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const message = String(new FormData(event.currentTarget).get("message") ?? "").trim() || undefined;
    setSending(true);
    const sent = await postJson<{ reference: string }>(`/api/v1/parcels/${code}/reports`, { kind, message });
    setSending(false);
    setResult(sent);
    // The report joins the timeline above.
    if (sent.ok) router.refresh();
  }

  return (
    <section aria-labelledby="owner-report-title" className={styles.section}>
      <h2 id="owner-report-title">{t("title")}</h2>
      <div className={styles.buttons}>
        {(["not_mine", "return"] as const).map((option) => (
          <button
            key={option}
            type="button"
            className="button"
            aria-pressed={kind === option}
            onClick={() => {
              setKind(option);
              setResult(null);
            }}
          >
            {t(option)}
          </button>
        ))}
      </div>
      {result?.ok ? (
        <ReportOutcome result={result} />
      ) : (
        kind && (
          <form className={formStyles.form} onSubmit={submit}>
            <label>
              {t(`${kind}Reason`)}
              <textarea name="message" required maxLength={500} rows={3} />
            </label>
            {result && <ReportOutcome result={result} />}
            <button type="submit" className="button" disabled={sending}>
              {t("send")}
            </button>
          </form>
        )
      )}
    </section>
  );
}
