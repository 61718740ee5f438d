import type { z } from "zod";

/** Field errors keyed by dotted path (`recipient.phone`, `parcels.12.recipient.name`), for forms and the API alike. */
export function fieldErrors(error: z.ZodError, prefix = ""): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
