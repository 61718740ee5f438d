import type { z } from "zod";
import { fieldErrors } from "@/lib/validation/field-errors";

/** What every server action returns: data, or an error a form can show next to its fields. */
export type ActionError = { code: string; message: string; fields?: Record<string, string[]> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function invalidInput(error: z.ZodError): ActionResult<never> {
  return failure("invalid_input", "Some fields are not valid.", fieldErrors(error));
}

export const ok = <T>(data: T): ActionResult<T> => ({ ok: true, data });

export const failure = (code: string, message: string, fields?: Record<string, string[]>): ActionResult<never> => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
});
