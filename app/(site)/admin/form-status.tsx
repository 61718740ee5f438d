import type { Result } from "@/lib/core/result";

/** A console form's status line: `done` once saved, else the failure not tied to one field. */
export function FormStatus({ result, done, failed }: { result: Result<unknown> | null; done: string; failed: string }) {
  return (
    <p role="status" aria-live="polite">
      {result?.ok ? done : result && !result.error.fields ? `${failed} ${result.error.message}` : null}
    </p>
  );
}
