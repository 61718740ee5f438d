"use client";

import { useRouter } from "next/navigation";
import { useActionState, useRef } from "react";
import type { Result } from "@/lib/core/result";
import { submitKeepingValues } from "./submit-keeping-values";

/**
 * A console form that creates something: runs `create` with the form's data, and on success
 * empties the form and re-renders the page's list from the server. A refused field keeps what
 * was typed (submitKeepingValues).
 */
export function useCreateAction<T>(create: (data: FormData) => Promise<Result<T>>) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [result, submit, pending] = useActionState(async (_: Result<T> | null, data: FormData) => {
    const done = await create(data);
    if (done.ok) {
      form.current?.reset();
      router.refresh();
    }
    return done;
  }, null);
  return { form, result, pending, onSubmit: submitKeepingValues(submit) };
}
