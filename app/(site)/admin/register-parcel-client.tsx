"use client";

import { useActionState } from "react";
import type { Result } from "@/lib/core/result";
import { registerParcelAction } from "@/lib/parcels/actions";
import type { RegisteredParcel } from "@/lib/parcels/register";
import { submitKeepingValues } from "./submit-keeping-values";

const RECIPIENT_FIELDS = ["name", "phone", "address", "addressDetail", "postalCode", "memo"] as const;
type Field = (typeof RECIPIENT_FIELDS)[number] | "itemName";
type Labels = Record<Field | "title" | "printItemName" | "submit" | "registered" | "label", string>;

const text = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
};

/** Empty optional fields are left out rather than sent as "", which the schema refuses. */
function parcelInput(form: FormData) {
  return {
    recipient: Object.fromEntries(RECIPIENT_FIELDS.map((field) => [field, text(form, field)])),
    itemName: text(form, "itemName"),
    printItemName: form.get("printItemName") === "on",
  };
}

export function RegisterParcelForm({ labels }: { labels: Labels }) {
  const [state, submit, pending] = useActionState<Result<RegisteredParcel> | null, FormData>(
    (_previous, form) => registerParcelAction(parcelInput(form)),
    null,
  );
  const fieldError = (field: string) =>
    state && !state.ok ? state.error.fields?.[field === "itemName" ? field : `recipient.${field}`]?.[0] : undefined;
  return (
    <form onSubmit={submitKeepingValues(submit)} className="stack" aria-labelledby="register-title">
      <h2 id="register-title">{labels.title}</h2>
      {[...RECIPIENT_FIELDS, "itemName" as const].map((field) => (
        <div key={field} className="stack">
          <label htmlFor={`register-${field}`}>{labels[field]}</label>
          <input id={`register-${field}`} name={field} aria-invalid={Boolean(fieldError(field))} />
          {fieldError(field) && <p className="form-error">{fieldError(field)}</p>}
        </div>
      ))}
      <label className="checkbox">
        <input type="checkbox" name="printItemName" /> {labels.printItemName}
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        {labels.submit}
      </button>
      <p role="status" aria-live="polite">
        {state?.ok && (
          <>
            {labels.registered.replace("{code}", state.data.code)}{" "}
            <a href={`/api/v1/parcels/${state.data.code}/label.pdf?size=4x6`}>{labels.label}</a>
          </>
        )}
        {state && !state.ok && !state.error.fields && state.error.message}
      </p>
    </form>
  );
}
