import type { z } from "zod";
import { localizeResult } from "@/lib/i18n/server-messages";
import type { Result } from "@/lib/core/result";
import { invalidInput } from "./result";

/**
 * Wraps an action that anyone may call (no session involved, e.g. choosing a
 * language): the input is still parsed with a schema before anything runs.
 * Actions that need a session use the authenticated wrapper instead.
 */
export function publicAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>) => Promise<Result<T>>,
): (input: unknown) => Promise<Result<T>> {
  // Failures in the reader's language, as with the authenticated wrapper.
  return async (input) => {
    const parsed = schema.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    return localizeResult(parsed.success ? await handler(parsed.data) : invalidInput(parsed.error));
  };
}
