import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { isAllowedEndpoint, type PushHost } from "@/lib/core/push-hosts";
import { failure, ok, type Result } from "@/lib/core/result";

/** base64url (no padding) of exactly `bytes` bytes, as PushSubscription.toJSON() writes keys. */
const keyOf = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .refine(
      (value) => /^[A-Za-z0-9_-]+$/.test(value) && Buffer.from(value, "base64url").length === bytes,
      `must be ${what} as base64url (${bytes} bytes)`,
    );

/**
 * The browser's PushSubscription JSON. Whether the endpoint's host is one of PUSH_SERVICE_HOSTS
 * depends on the configuration, so saveSubscription checks it (a schema is built at import).
 */
export const subscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: "must be an https URL" }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    // An uncompressed P-256 point (RFC 8291): 0x04, then x and y.
    p256dh: keyOf(65, "a P-256 public key").refine(
      (value) => Buffer.from(value, "base64url")[0] === 4,
      "must be an uncompressed P-256 public key",
    ),
    auth: keyOf(16, "an authentication secret"),
  }),
});

export const unsubscribeSchema = z.object({ endpoint: z.string().max(2048) });

export type SubscriptionInput = z.output<typeof subscriptionSchema>;
export type Subscriber = { userId: string; jti: string };

/**
 * Saves a device's subscription for the signed-in user. An endpoint belongs to one browser
 * profile: subscribed again (another person signed in on the same phone), it moves to them, so
 * the previous account's news stops reaching this device.
 */
export async function saveSubscription(
  deps: { db: Database; config: { PUSH_SERVICE_HOSTS: readonly PushHost[] } },
  who: Subscriber,
  input: SubscriptionInput,
): Promise<Result<null>> {
  if (!isAllowedEndpoint(input.endpoint, deps.config.PUSH_SERVICE_HOSTS)) {
    return failure("invalid_input", "Some fields are not valid.", {
      endpoint: ["must be an https URL of a push service this server sends to (PUSH_SERVICE_HOSTS)"],
    });
  }
  const row = { userId: who.userId, sessionJti: who.jti, p256dh: input.keys.p256dh, auth: input.keys.auth };
  await deps.db
    .insert(pushSubscriptions)
    .values({ endpoint: input.endpoint, ...row })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: row });
  return ok(null);
}

/** Removes one of the caller's own subscriptions; another user's endpoint is left as it is. */
export async function removeSubscription(db: Database, userId: string, endpoint: string): Promise<void> {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}

/** A logout: the devices subscribed under that session hear nothing more for that account. */
export async function removeSessionSubscriptions(db: Database, who: Subscriber): Promise<void> {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, who.userId), eq(pushSubscriptions.sessionJti, who.jti)));
}
