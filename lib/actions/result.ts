import type { z } from "zod";

/** What every server action returns: data, or an error a form can show next to its fields. */
export type ActionError = { code: string; message: string; fields?: Record<string, string[]> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function invalidInput(error: z.ZodError): ActionResult<never> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return { ok: false, error: { code: "invalid_input", message: "Some fields are not valid.", fields } };
}
