"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { fieldMessage } from "@/lib/actions/field-message";
import type { ActionResult } from "@/lib/actions/result";
import { createStaffAction } from "@/lib/auth/actions";
import styles from "../console.module.css";

type Labels = Record<
  "title" | "email" | "displayName" | "password" | "passwordHint" | "create" | "created" | "failed",
  string
>;

/** A new courier with a temporary password the admin hands over; it must be changed at first login. */
export function CreateCourierForm({ labels, errors }: { labels: Labels; errors: Record<string, string> }) {
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const displayName = String(data.get("displayName") ?? "").trim();
    startTransition(async () => {
      const done = await createStaffAction({
        role: "courier",
        email: data.get("email"),
        password: data.get("password"),
        ...(displayName ? { displayName } : {}),
      });
      setResult(done);
      if (done.ok) {
        form.reset();
        router.refresh();
      }
    });
  };
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
    <form onSubmit={submit} noValidate className={styles.form} aria-labelledby="create-courier-title">
      <h2 id="create-courier-title">{labels.title}</h2>
      {field("email", "email")}
      {field("displayName", "text")}
      {field("password", "text", labels.passwordHint)}
      <button type="submit" className="button primary" disabled={pending}>
        {labels.create}
      </button>
      <p role="status" aria-live="polite">
        {result?.ok
          ? labels.created
          : result && !result.error.fields
            ? `${labels.failed} ${result.error.message}`
            : null}
      </p>
    </form>
  );
}
