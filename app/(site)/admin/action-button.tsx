"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Result } from "@/lib/core/result";

type Props<I> = {
  /** A server action (through authAction) and the input it is called with. */
  action: (input: I) => Promise<Result<unknown>>;
  input: I;
  label: string;
  /** Asked before acting, when given. */
  confirm?: string;
  failed: string;
};

/** One button, one server action on one thing (disable, revoke, end a session); the page reloads its data after. */
export function ActionButton<I>({ action, input, label, confirm, failed }: Props<I>) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () => {
    if (confirm && !window.confirm(confirm)) return;
    startTransition(async () => {
      const result = await action(input);
      setError(result.ok ? null : `${failed} ${result.error.message}`);
      if (result.ok) router.refresh();
    });
  };
  return (
    <>
      <button type="button" className="button" onClick={run} disabled={pending}>
        {label}
      </button>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </>
  );
}
