"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { Result } from "@/lib/core/result";
import { assignSelectionAction } from "@/lib/couriers/actions";
import styles from "../console.module.css";

export const ASSIGN_FORM_ID = "assign-selection";

type Labels = Record<"courier" | "unassign" | "submit" | "noneSelected" | "done" | "failed", string>;

/**
 * "Assign the selected parcels": the table's checkboxes belong to this form (their `form`
 * attribute), so the selection is read from it; one server action assigns them all.
 */
export function AssignBar({ couriers, labels }: { couriers: { id: string; email: string | null }[]; labels: Labels }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const codes = data.getAll("codes").map(String);
    if (codes.length === 0) return setMessage(labels.noneSelected);
    startTransition(async () => {
      const result: Result<{ assigned: number; skipped: number }> = await assignSelectionAction({
        codes,
        courierId: data.get("courierId"),
      });
      if (!result.ok) return setMessage(`${labels.failed} ${result.error.message}`);
      setMessage(
        labels.done
          .replace("{assigned}", String(result.data.assigned))
          .replace("{skipped}", String(result.data.skipped)),
      );
      router.refresh();
    });
  };
  return (
    <form id={ASSIGN_FORM_ID} onSubmit={submit} className={styles.filters} aria-label={labels.submit}>
      <label>
        {labels.courier}
        <select name="courierId" defaultValue="">
          <option value="">{labels.unassign}</option>
          {couriers.map((courier) => (
            <option key={courier.id} value={courier.id}>
              {courier.email}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={pending}>
        {labels.submit}
      </button>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </form>
  );
}
