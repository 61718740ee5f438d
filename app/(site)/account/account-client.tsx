"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { deleteAccountAction } from "@/lib/account/actions";
import type { Result } from "@/lib/core/result";
import { changePasswordAction } from "@/lib/auth/actions";
import styles from "./account.module.css";

type Labels = Record<string, string>;

/**
 * The first field an error names, in the reader's language (the labels come translated from the
 * page); too many wrong passwords say so instead (the action's message comes translated too).
 */
function problem(result: Result<unknown>, byField: Record<string, string>, fallback: string): string | null {
  if (result.ok) return null;
  if (result.error.code === "throttled") return result.error.message;
  const field = Object.keys(result.error.fields ?? {}).find((name) => name in byField);
  return field ? byField[field]! : fallback;
}

/**
 * Current and new password; other devices are logged out by the change. `doneHref`: where to go
 * once it is changed (the first-login step goes on to the role's home).
 */
export function PasswordForm({ labels, doneHref }: { labels: Labels; doneHref?: string }) {
  const [status, setStatus] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = await changePasswordAction({ current: data.get("current"), next: data.get("next") });
    if (result.ok) form.reset();
    if (result.ok && doneHref) return window.location.assign(doneHref);
    // The new password's own problem (already in the reader's language), else the rules.
    const nextProblem = result.ok ? undefined : result.error.fields?.next?.[0];
    setStatus(
      result.ok
        ? labels.changed!
        : problem(result, { current: labels.currentWrong!, next: nextProblem ?? labels.rules! }, labels.failed!),
    );
  }
  return (
    <form className={styles.form} onSubmit={submit}>
      <label>
        {labels.current}
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <label>
        {labels.next}
        <input name="next" type="password" autoComplete="new-password" minLength={8} required />
        <small>{labels.rules}</small>
      </label>
      <p role="status" aria-live="polite">
        {status}
      </p>
      <button type="submit" className="button">
        {labels.change}
      </button>
    </form>
  );
}

/** Deletes a recipient's account after the password, then leaves for the home page. */
export function DeleteAccountForm({ labels }: { labels: Labels }) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!window.confirm(labels.confirm)) return;
    const result = await deleteAccountAction({ password: new FormData(event.currentTarget).get("password") });
    if (result.ok) {
      router.replace("/");
      return router.refresh();
    }
    setStatus(problem(result, { password: labels.passwordWrong! }, labels.failed!));
  }
  return (
    <form className={styles.form} onSubmit={submit}>
      <label>
        {labels.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <p role="status" aria-live="polite">
        {status}
      </p>
      <button type="submit" className="button">
        {labels.delete}
      </button>
    </form>
  );
}
