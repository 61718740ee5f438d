import { isSameOrigin } from "./same-origin";

/**
 * Server action requests Next.js would answer with a 500 (its action handler throws on each),
 * refused with a 4xx by proxy.ts before they reach it:
 * - a foreign Origin (`null` included): 403 (Next.js's own CSRF check answers 500). Without an
 *   Origin it goes on, as in Next.js: browsers always send one with a POST, so such a request
 *   is hand-made and carries no one else's cookies;
 * - a body over Next.js's 1 MB limit for actions (serverActions.bodySizeLimit): 413;
 * - a fetch action's arguments that are not JSON, or nested deeper than any form of ours
 *   (React's decodeReply overflows the stack on 200,000 levels): 400.
 * Multipart (form) actions are checked for origin and size; React parses those itself.
 */
export const ACTION_BODY_LIMIT = 1024 * 1024;
const MAX_DEPTH = 32;

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

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });

/** A refusal, or null when the request may go on to Next.js's action handler. */
export async function guardServerAction(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return refuse(405, "method_not_allowed", "Server actions are posted.");
  if (request.headers.has("origin") && !isSameOrigin(request.headers)) {
    return refuse(403, "forbidden", "Cross-site action refused.");
  }
  const tooLarge = () => refuse(413, "body_too_large", "The body must be at most 1 MB.");
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return tooLarge();
  const body = await request.text();
  if (Buffer.byteLength(body) > ACTION_BODY_LIMIT) return tooLarge();
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return null;
  if (jsonDepth(body) > MAX_DEPTH || !isJson(body)) {
    return refuse(400, "invalid_input", "The action's arguments are not valid.");
  }
  return null;
}
