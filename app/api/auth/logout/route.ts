import { cookies } from "next/headers";
import { z } from "zod";
import { appDeps } from "@/lib/runtime/app-deps";
import { readLimited } from "@/lib/http/read-json";
import { isSameOrigin } from "@/lib/http/same-origin";
import { endSession } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/token";
import { removeSessionSubscriptions } from "@/lib/notifications/subscriptions";

export const dynamic = "force-dynamic";

// `keep=outbox`: the courier's page has wiped its own outbox, and another courier's updates still
// wait on the phone for their owner, so the browser's storage is spared (the caches still go).
const logoutSchema = z.object({ keep: z.literal("outbox").optional() });

async function keepsOutbox(request: Request): Promise<boolean> {
  const body = await readLimited(request, 1024);
  const fields = body ? Object.fromEntries(new URLSearchParams(Buffer.from(body).toString("utf8"))) : {};
  return logoutSchema.safeParse(fields).data?.keep === "outbox";
}

/**
 * POST /api/auth/logout: deletes the session from Redis (so the cookie is dead on
 * every server at once) and the push subscriptions made under it (this device hears nothing
 * more of the account; the page also unsubscribes in the browser), drops the cookie, and tells
 * the browser to wipe what the app stored (offline queue, caches) with Clear-Site-Data.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers)) return new Response("Cross-site logout refused.", { status: 403 });
  const clear = (await keepsOutbox(request)) ? '"cache"' : '"cache", "storage"';
  const deps = appDeps();
  const store = await cookies();
  const name = sessionCookieName(deps.config);
  try {
    const ended = await endSession(deps, store.get(name)?.value);
    if (ended) await removeSessionSubscriptions(deps.db, { userId: ended.userId, jti: ended.jti });
  } catch {
    // Redis or PostgreSQL is down: the key cannot be deleted now, but the cookie still goes and
    // the session dies by its own TTL; a session check meanwhile fails closed anyway.
  }
  store.delete(name);
  return new Response(null, {
    status: 303,
    headers: { Location: "/login?loggedOut=1", "Clear-Site-Data": clear },
  });
}
