"use client";

import { useState, type FormEvent } from "react";
import type { Result } from "@/lib/core/result";
import { sendCodeAction, signupAction } from "./actions";

type Labels = Record<"phone" | "sendCode" | "codeSent" | "code" | "password" | "submit", string>;

function message(result: Result<unknown>): string | null {
  if (result.ok) return null;
  const fieldMessages = Object.values(result.error.fields ?? {}).flat();
  return fieldMessages[0] ?? result.error.message;
}

/** Phone → code by SMS → code and password; errors are announced in a live region. */
export function SignupForm({ labels }: { labels: Labels }) {
  const [phone, setPhone] = useState("");
  const [codeSent, setCodeSent] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  async function sendCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await sendCodeAction({ phone });
    setCodeSent(result.ok);
    setStatus(result.ok ? labels.codeSent : message(result));
  }

  async function signup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await signupAction({ phone, code: form.get("code"), password: form.get("password") });
    if (result.ok) return window.location.assign(result.data.redirectTo);
    setStatus(message(result));
  }

  return (
    <>
      <form onSubmit={sendCode} className="stack">
        <label htmlFor="phone">{labels.phone}</label>
        <input
          id="phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          required
        />
        <button type="submit" className="button">
          {labels.sendCode}
        </button>
      </form>
      {codeSent && (
        <form onSubmit={signup} className="stack">
          <label htmlFor="code">{labels.code}</label>
          <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" required />
          <label htmlFor="password">{labels.password}</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required />
          <button type="submit" className="button primary">
            {labels.submit}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite" className="form-error">
        {status}
      </p>
    </>
  );
}
