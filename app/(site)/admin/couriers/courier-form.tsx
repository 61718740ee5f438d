"use client";

import { fieldMessage } from "@/lib/actions/field-message";
import { createStaffAction } from "@/lib/auth/actions";
import styles from "../console.module.css";
import { FormStatus } from "../form-status";
import { useCreateAction } from "../use-create-action";

type Labels = Record<
  "title" | "email" | "displayName" | "password" | "passwordHint" | "create" | "created" | "failed",
  string
>;

/** A new courier with a temporary password the admin hands over; it must be changed at first login. */
export function CreateCourierForm({ labels, errors }: { labels: Labels; errors: Record<string, string> }) {
  const { form, result, pending, onSubmit } = useCreateAction((data) => {
    const displayName = String(data.get("displayName") ?? "").trim();
    return createStaffAction({
      role: "courier",
      email: data.get("email"),
      password: data.get("password"),
      ...(displayName ? { displayName } : {}),
    });
  });
  const field = (name: "email" | "displayName" | "password", type: string, hint?: string) => {
    const message = fieldMessage(result, name, errors);
    return (
      <label>
        {labels[name]}
        <input name={name} type={type} aria-invalid={Boolean(message)} required={name !== "displayName"} />
        {hint && <small>{hint}</small>}
        {message && <span className="form-error">{message}</span>}
      </label>
    );
  };
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className={styles.form} aria-labelledby="create-courier-title">
      <h2 id="create-courier-title">{labels.title}</h2>
      {field("email", "email")}
      {field("displayName", "text")}
      {field("password", "text", labels.passwordHint)}
      <button type="submit" className="button primary" disabled={pending}>
        {labels.create}
      </button>
      <FormStatus result={result} done={labels.created} failed={labels.failed} />
    </form>
  );
}
