"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { handleReportAction } from "@/lib/reports/actions";
import styles from "../console.module.css";

export type HandleLabels = {
  status: string;
  statuses: { new: string; handled: string };
  note: string;
  save: string;
  saved: string;
};

/** Status and note of one report; saved through the action, then the page re-renders from the server. */
export function HandleReport({
  reference,
  status,
  note,
  labels,
}: {
  reference: string;
  status: "new" | "handled";
  note: string | null;
  labels: HandleLabels;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // onSubmit, not a form action: React resets a form after its action, which would put the
  // status back to the value the page was rendered with.
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await handleReportAction({
        reference,
        status: form.get("status"),
        note: form.get("note"),
      });
      setMessage(result.ok ? labels.saved : result.error.message);
      if (result.ok) router.refresh();
    });
  };
  return (
    <form onSubmit={save} className={styles.filters}>
      <label>
        {labels.status}
        <select name="status" defaultValue={status}>
          <option value="new">{labels.statuses.new}</option>
          <option value="handled">{labels.statuses.handled}</option>
        </select>
      </label>
      <label>
        {labels.note}
        <input name="note" defaultValue={note ?? ""} maxLength={500} />
      </label>
      <div>
        <button type="submit" className="button primary" disabled={pending}>
          {labels.save}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </form>
  );
}
