import { env } from "@/lib/config/env";

export const dynamic = "force-dynamic";

/**
 * GET /api/push/public-key: the VAPID public key a browser subscribes with (base64url), so push
 * services accept only pushes this server signed. 404 where Web Push is not configured.
 */
export function GET(): Response {
  const publicKey = env().VAPID_PUBLIC_KEY;
  const headers = { "Content-Type": "application/json", "Cache-Control": "no-cache" };
  if (!publicKey) return new Response(JSON.stringify({ error: { code: "not_configured" } }), { status: 404, headers });
  return new Response(JSON.stringify({ publicKey }), { headers });
}
