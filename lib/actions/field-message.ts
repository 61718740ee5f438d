import type { Result } from "@/lib/core/result";

/**
 * The message to show next to `field` after a server action: the page's own sentence for that
 * field (in the reader's language) when the result names it, else nothing.
 */
export function fieldMessage(
  result: Result<unknown> | null,
  field: string,
  messages: Record<string, string>,
): string | undefined {
  if (!result || result.ok || !result.error.fields?.[field]) return undefined;
  return messages[field] ?? result.error.fields[field]![0];
}
