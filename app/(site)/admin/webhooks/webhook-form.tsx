"use client";

import { useRouter } from "next/navigation";
import { useActionState, useRef } from "react";
import { fieldMessage } from "@/lib/actions/field-message";
import { createWebhookAction } from "@/lib/webhooks/actions";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { CheckboxFieldset } from "../checkbox-fieldset";
import styles from "../console.module.css";
import { submitKeepingValues } from "../submit-keeping-values";

type Labels = Record<"url" | "events" | "statusChanged" | "create" | "shownOnce" | "failed", string>;

/** Adds an endpoint; its signing secret is shown here once and never again. */
export function AddWebhookForm({ labels, errors }: { labels: Labels; errors: Record<string, string> }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [result, submit, pending] = useActionState(async (_: unknown, data: FormData) => {
    const done = await createWebhookAction({ url: data.get("url"), events: data.getAll("events") });
    if (done.ok) {
      form.current?.reset();
      router.refresh();
    }
    return done;
  }, null);
  const urlError = fieldMessage(result, "url", errors);
  return (
    <div className="stack">
      <form ref={form} onSubmit={submitKeepingValues(submit)} noValidate className={styles.form}>
        <label>
          {labels.url}
          <input name="url" type="url" inputMode="url" maxLength={2000} aria-invalid={Boolean(urlError)} required />
          {urlError && <span className="form-error">{urlError}</span>}
        </label>
        <CheckboxFieldset
          legend={labels.events}
          name="events"
          options={WEBHOOK_EVENTS.map((event) => [event, labels.statusChanged] as const)}
          error={fieldMessage(result, "events", errors)}
        />
        <button type="submit" className="button primary" disabled={pending}>
          {labels.create}
        </button>
      </form>
      {result?.ok && (
        <div role="status" className="notice">
          <p>{labels.shownOnce}</p>
          <code data-testid="new-webhook-secret" className={styles.breakAnywhere}>
            {result.data.secret}
          </code>
        </div>
      )}
      {result && !result.ok && !result.error.fields && (
        <p role="alert">
          {labels.failed} {result.error.message}
        </p>
      )}
    </div>
  );
}
