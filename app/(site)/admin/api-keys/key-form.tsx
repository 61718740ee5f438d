"use client";

import { useRouter } from "next/navigation";
import { useActionState, useRef } from "react";
import { fieldMessage } from "@/lib/actions/field-message";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/core/api-key-scopes";
import { CheckboxFieldset } from "../checkbox-fieldset";
import styles from "../console.module.css";
import { submitKeepingValues } from "../submit-keeping-values";

type Labels = Record<"name" | "scopes" | "create" | "shownOnce" | "failed", string> & {
  scopeNames: Record<ApiKeyScope, string>;
};

/** Names a key and picks what it may do; the key is shown here once and never again (only its hash is kept). */
export function CreateKeyForm({ labels, errors }: { labels: Labels; errors: Record<string, string> }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [result, submit, pending] = useActionState(async (_: unknown, data: FormData) => {
    const done = await createApiKeyAction({ name: data.get("name"), scopes: data.getAll("scopes") });
    if (done.ok) {
      form.current?.reset();
      router.refresh();
    }
    return done;
  }, null);
  const nameError = fieldMessage(result, "name", errors);
  return (
    <div className="stack">
      <form ref={form} onSubmit={submitKeepingValues(submit)} noValidate className={styles.form}>
        <label>
          {labels.name}
          <input name="name" maxLength={60} aria-invalid={Boolean(nameError)} required />
          {nameError && <span className="form-error">{nameError}</span>}
        </label>
        <CheckboxFieldset
          legend={labels.scopes}
          name="scopes"
          options={API_KEY_SCOPES.map((scope) => [scope, labels.scopeNames[scope]] as const)}
          error={fieldMessage(result, "scopes", errors)}
        />
        <button type="submit" className="button primary" disabled={pending}>
          {labels.create}
        </button>
      </form>
      {result?.ok && (
        <div role="status" className="notice">
          <p>{labels.shownOnce}</p>
          <code data-testid="new-api-key">{result.data.key}</code>
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
