"use client";

import { fieldMessage } from "@/lib/actions/field-message";
import { createWebhookAction } from "@/lib/webhooks/actions";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { CheckboxFieldset } from "../checkbox-fieldset";
import styles from "../console.module.css";
import { ShownOnce } from "../shown-once";
import { useCreateAction } from "../use-create-action";

type Labels = Record<"url" | "events" | "statusChanged" | "create" | "shownOnce" | "failed", string>;

/** Adds an endpoint; its signing secret is shown here once and never again. */
export function AddWebhookForm({ labels, errors }: { labels: Labels; errors: Record<string, string> }) {
  const { form, result, pending, onSubmit } = useCreateAction((data) =>
    createWebhookAction({ url: data.get("url"), events: data.getAll("events") }),
  );
  const urlError = fieldMessage(result, "url", errors);
  return (
    <div className="stack">
      <form ref={form} onSubmit={onSubmit} noValidate className={styles.form}>
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
      <ShownOnce
        result={result}
        secret={(made) => made.secret}
        labels={labels}
        testId="new-webhook-secret"
        className={styles.breakAnywhere}
      />
    </div>
  );
}
