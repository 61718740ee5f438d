/**
 * Whether a server action's body is one React's decodeReply can read without throwing: the
 * arguments row ("0", the whole body when it is not multipart) is a JSON list, nested no deeper
 * than any form of ours, and every row it names is in the body. React fails on anything else
 * (a row the body lacks is "Connection closed."), and Next.js answers that failure with a 500.
 * Rows are named by strings that start with "$" (React's reply format): constants, dates and
 * bigints need no row, nor do `$K` (a form's fields, possibly none) and `$T` (a value the caller
 * keeps); streams and server references are never sent by our pages.
 */
const MAX_DEPTH = 32;
const CONSTANTS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
// Promise, Map, Set, iterator, Blob and the typed arrays: each a row, named by its hex id.
const ROW_TAGS = new Set("@QWiBAOoUSsLlGgMmV");
const NO_ROW = "";

/** The deepest nesting of arrays and objects in a JSON text, outside strings. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}

/** The row a string value names ("" for none), or null when React could not read it from a body of ours. */
function rowNamedBy(value: string): string | null {
  if (!value.startsWith("$") || value.startsWith("$$") || CONSTANTS.has(value)) return NO_ROW;
  const tag = value[1] ?? "";
  if (tag === "D" || tag === "K" || tag === "T" || /^\$n-?\d{1,300}$/.test(value)) return NO_ROW;
  const id = /^[0-9a-f]+/.exec(ROW_TAGS.has(tag) ? value.slice(2) : value.slice(1))?.[0];
  return id ? String(parseInt(id, 16)) : null;
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string") found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

function parseRow(text: string): unknown {
  if (jsonDepth(text) > MAX_DEPTH) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * `rows`: the body's fields by name (a plain body is row "0" alone). Rows that are files (a Blob's)
 * only need to be there; rows that are text are read like the arguments row.
 */
export function isDecodableReply(rows: ReadonlyMap<string, string | Blob>): boolean {
  const root = rows.get("0");
  if (typeof root !== "string" || !Array.isArray(parseRow(root))) return false;
  const pending = ["0"];
  const seen = new Set(pending);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const row = rows.get(name);
    if (row === undefined) return false;
    if (typeof row !== "string") continue;
    const value = parseRow(row);
    if (value === undefined) return false;
    for (const text of stringsIn(value)) {
      const named = rowNamedBy(text);
      if (named === null) return false;
      if (named === NO_ROW || seen.has(named)) continue;
      pending.push(named);
      seen.add(named);
    }
  }
  return true;
}
