import "server-only";
import { and, eq } from "drizzle-orm";
import webpush from "web-push";
import type { Database } from "@/db/client";
import { parcels, pushSubscriptions, users } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { isAllowedEndpoint } from "@/lib/core/push-hosts";
import type { PushNotice } from "@/lib/core/push-notice";

export type PushConfig = Pick<Env, "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY" | "VAPID_SUBJECT" | "PUSH_SERVICE_HOSTS">;

/** Who hears of it: the parcel's registered owner (if any), or one user (a courier). */
export type Audience = { ownerOf: string } | { userId: string };

// A push that waits longer than this at the push service (the phone is off) is old news.
const TTL_SECONDS = 12 * 3600;
const TIMEOUT_MS = 10_000;

/** The push service refused for now (5xx, 429, no answer): the queue tries again later. */
export class PushRetryError extends Error {
  constructor(readonly status: number | null) {
    super(status === null ? "push service unreachable" : `push service answered ${status}`);
    this.name = "PushRetryError";
  }
}

/** The subscriptions of everyone in the audience, by id. */
export async function subscriptionIds(db: Database, audience: Audience): Promise<string[]> {
  const rows =
    "userId" in audience
      ? await db
          .select({ id: pushSubscriptions.id })
          .from(pushSubscriptions)
          .where(eq(pushSubscriptions.userId, audience.userId))
      : await db
          .select({ id: pushSubscriptions.id })
          .from(parcels)
          .innerJoin(users, and(eq(users.phoneHash, parcels.recipientPhoneHash), eq(users.role, "recipient")))
          .innerJoin(pushSubscriptions, eq(pushSubscriptions.userId, users.id))
          .where(eq(parcels.id, audience.ownerOf));
  return rows.map((row) => row.id);
}

/**
 * Sends one notice to one subscription: encrypted for the device (RFC 8291, aes128gcm) and
 * signed with our VAPID key by web-push, posted by us (web-push's own sender speaks only https,
 * and follows no rule about where it may post). A 404 or 410 means the browser dropped the
 * subscription: the row goes. Returns what happened; throws PushRetryError to be tried again.
 */
export async function deliverNotice(
  db: Database,
  config: PushConfig,
  subscriptionId: string,
  notice: PushNotice,
): Promise<{ outcome: "sent" | "gone" | "refused" | "skipped"; host?: string; status?: number }> {
  const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = config;
  if (!row || !publicKey || !privateKey || !subject) return { outcome: "skipped" };
  const host = new URL(row.endpoint).host;
  // PUSH_SERVICE_HOSTS may have shrunk since the subscription was saved.
  if (!isAllowedEndpoint(row.endpoint, config.PUSH_SERVICE_HOSTS)) return { outcome: "skipped", host };
  const request = webpush.generateRequestDetails(
    { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } },
    JSON.stringify(notice),
    { vapidDetails: { subject, publicKey, privateKey }, TTL: TTL_SECONDS, contentEncoding: "aes128gcm" },
  );
  let status: number;
  try {
    const response = await fetch(row.endpoint, {
      method: "POST",
      headers: request.headers as Record<string, string>,
      body: request.body ? new Uint8Array(request.body) : null,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    status = response.status;
  } catch {
    throw new PushRetryError(null);
  }
  if (status >= 200 && status < 300) return { outcome: "sent", host, status };
  if (status === 404 || status === 410) {
    await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, row.id));
    return { outcome: "gone", host, status };
  }
  if (status === 429 || status >= 500) throw new PushRetryError(status);
  // 400, 401, 403, 413, a redirect: sending the same again gets the same answer.
  return { outcome: "refused", host, status };
}
