import { z } from "zod";

/**
 * Where a newest-first keyset page ends: the last row's created_at and id. `at` is PostgreSQL's
 * own text of the timestamp (microseconds), not a JS Date (milliseconds): rows that share one
 * created_at (a batch) would otherwise be skipped or repeated at a page boundary.
 */
export type KeysetCursor = { at: string; id: string };

const cursorShape = z.tuple([z.string().max(40), z.uuid()]);

/** The cursor as an opaque, URL-safe string for a `next`/`after` query parameter. */
export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** The cursor a client sent back, or null for anything missing, malformed or not a time and a uuid. */
export function decodeCursor(value: string | undefined): KeysetCursor | null {
  if (!value) return null;
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success || Number.isNaN(Date.parse(parsed.data[0]))) return null;
    return { at: parsed.data[0], id: parsed.data[1] };
  } catch {
    return null;
  }
}
