"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { fieldMessage } from "@/lib/actions/field-message";
import type { ActionResult } from "@/lib/actions/result";
import { savePostalRuleAction } from "@/lib/postal-rules/actions";
import styles from "../console.module.css";

type Labels = Record<"prefix" | "prefixHint" | "courier" | "choose" | "save" | "saved" | "failed", string>;

/** Adds a rule, or gives a prefix that has one to another courier. */
export function RuleForm(props: {
  couriers: { id: string; email: string | null }[];
  labels: Labels;
  errors: Record<string, string>;
}) {
  const { couriers, labels, errors } = props;
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const done = await savePostalRuleAction({ prefix: data.get("prefix"), courierId: data.get("courierId") });
      setResult(done);
      if (done.ok) {
        form.reset();
        router.refresh();
      }
    });
  };
  const prefixError = fieldMessage(result, "prefix", errors);
  const courierError = fieldMessage(result, "courierId", errors);
  return (
    <form onSubmit={submit} noValidate className={styles.filters}>
      <label>
        {labels.prefix}
        <input name="prefix" inputMode="numeric" maxLength={5} aria-invalid={Boolean(prefixError)} required />
        <small>{labels.prefixHint}</small>
        {prefixError && <span className="form-error">{prefixError}</span>}
      </label>
      <label>
        {labels.courier}
        <select name="courierId" defaultValue="" aria-invalid={Boolean(courierError)}>
          <option value="">{labels.choose}</option>
          {couriers.map((courier) => (
            <option key={courier.id} value={courier.id}>
              {courier.email}
            </option>
          ))}
        </select>
        {courierError && <span className="form-error">{courierError}</span>}
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        {labels.save}
      </button>
      <p role="status" aria-live="polite">
        {result?.ok ? labels.saved : result && !result.error.fields ? `${labels.failed} ${result.error.message}` : null}
      </p>
    </form>
  );
}
