import type { z } from "zod";
import { failure, type Result } from "@/lib/core/result";
import { fieldErrors } from "@/lib/validation/field-errors";

/** A server action's answer to input its schema refused: every field's message, for the form. */
export function invalidInput(error: z.ZodError): Result<never> {
  return failure("invalid_input", "Some fields are not valid.", fieldErrors(error));
}
