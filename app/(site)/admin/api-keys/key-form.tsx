"use client";

import { fieldMessage } from "@/lib/actions/field-message";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/core/api-key-scopes";
import { CheckboxFieldset } from "../checkbox-fieldset";
import styles from "../console.module.css";
import { ShownOnce } from "../shown-once";
import { useCreateAction } from "../use-create-action";

type Labels = Record<"name" | "scopes" | "create" | "shownOnce" | "failed", string> & {
  scopeNames: Record<ApiKeyScope, string>;
};

/** Names a key and picks what it may do; the key is shown here once and never again (only its hash is kept). */
export function CreateKeyForm({ labels, errors }: { labels: Labels; errors: Record<string, string> }) {
  const { form, result, pending, onSubmit } = useCreateAction((data) =>
    createApiKeyAction({ name: data.get("name"), scopes: data.getAll("scopes") }),
  );
  const nameError = fieldMessage(result, "name", errors);
  return (
    <div className="stack">
      <form ref={form} onSubmit={onSubmit} noValidate className={styles.form}>
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
      <ShownOnce result={result} secret={(made) => made.key} labels={labels} testId="new-api-key" />
    </div>
  );
}
