"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import type { Result } from "@/lib/core/result";

/**
 * A console form's submit: the server action runs in a transition with the form's data, its
 * result is kept for the fields' errors and the status line, and on success the page's server
 * data is read again and the form cleared (unless `keepValues`: a settings form shows what it saved).
 */
export function useConsoleForm<T>(
  send: (data: FormData) => Promise<Result<T>>,
  options: { keepValues?: boolean } = {},
) {
  const router = useRouter();
  const [result, setResult] = useState<Result<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const done = await send(data);
      setResult(done);
      if (!done.ok) return;
      if (!options.keepValues) form.reset();
      router.refresh();
    });
  };
  return { result, pending, submit };
}
