"use client";

import { useState, type FormEvent } from "react";
import { postJson } from "@/lib/query/fetch-json";

type Props = {
  next: string;
  initialError: string | null;
  labels: Record<"identifier" | "identifierHint" | "password" | "submit" | "submitting", string>;
  errors: Record<string, string>;
};

/**
 * A plain form that posts to /api/auth/login, so it works before (or without)
 * JavaScript; once hydrated it submits with fetch and shows errors in place,
 * announced to screen readers.
 */
export function LoginForm({ next, initialError, labels, errors }: Props) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await postJson<{ redirectTo: string }>("/api/auth/login", Object.fromEntries(form));
    if (result.ok) return window.location.assign(result.data.redirectTo);
    const retry = String(result.retryAfter ?? 60);
    setError((errors[result.code] ?? errors.unavailable!).replace("{seconds}", retry));
    setBusy(false);
  }

  return (
    <form method="post" action="/api/auth/login" onSubmit={submit} className="stack" noValidate>
      <input type="hidden" name="next" value={next} />
      <label htmlFor="identifier">{labels.identifier}</label>
      <input
        id="identifier"
        name="identifier"
        autoComplete="username"
        inputMode="email"
        required
        aria-describedby="identifier-hint"
      />
      <p id="identifier-hint" className="hint">
        {labels.identifierHint}
      </p>
      <label htmlFor="password">{labels.password}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" required />
      <p role="alert" aria-live="assertive" className="form-error">
        {error}
      </p>
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
