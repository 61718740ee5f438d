import { buildActionPages, type ActionPages } from "./action-pages";
import { isDecodableReply } from "./action-arguments";
import { isSameOrigin } from "./same-origin";

/**
 * Server action requests Next.js would answer with a 500 (its action handler throws on each),
 * or hand to another page, refused with a 4xx by proxy.ts before they reach it:
 * - a foreign Origin (`null` included): 403 (Next.js's own CSRF check answers 500). Without an
 *   Origin it goes on, as in Next.js: browsers always send one with a POST, so such a request
 *   is hand-made and carries no one else's cookies;
 * - a body over Next.js's 1 MB limit for actions (serverActions.bodySizeLimit): 413;
 * - an action of the build that the page posted to does not use (action-pages.ts): 400;
 * - arguments React cannot decode (action-arguments.ts), or a multipart body that does not
 *   parse: 400.
 */
const ACTION_BODY_LIMIT = 1024 * 1024;

const refuse = (status: number, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });

/** The body's rows by field name (a body that is not multipart is row "0"), or null when it does not parse. */
async function replyRows(body: ArrayBuffer, contentType: string): Promise<Map<string, string | Blob> | null> {
  if (!contentType.startsWith("multipart/form-data")) return new Map([["0", new TextDecoder().decode(body)]]);
  try {
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    return new Map(form.entries());
  } catch {
    return null;
  }
}

/** A refusal, or null when the request may go on to Next.js's action handler. */
export async function guardServerAction(
  request: Request,
  pages: ActionPages = buildActionPages(),
): Promise<Response | null> {
  if (request.method !== "POST") return refuse(405, "method_not_allowed", "Server actions are posted.");
  if (request.headers.has("origin") && !isSameOrigin(request.headers)) {
    return refuse(403, "forbidden", "Cross-site action refused.");
  }
  const tooLarge = () => refuse(413, "body_too_large", "The body must be at most 1 MB.");
  if (Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT) return tooLarge();
  const body = await request.arrayBuffer();
  if (body.byteLength > ACTION_BODY_LIMIT) return tooLarge();
  if (!pages.fits(request.headers.get("next-action") ?? "", new URL(request.url).pathname)) {
    return refuse(400, "invalid_input", "This action is not one of this page's.");
  }
  const rows = await replyRows(body, request.headers.get("content-type") ?? "");
  if (!rows || !isDecodableReply(rows)) return refuse(400, "invalid_input", "The action's arguments are not valid.");
  return null;
}
