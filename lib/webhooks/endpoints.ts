import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { failure, ok, type Result } from "@/lib/core/result";
import { encryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { WEBHOOK_EVENTS } from "./events";
import { newWebhookSecret } from "./signature";
import { checkTarget } from "./target";

export const webhookInputSchema = z.strictObject({
  url: z.string().trim().min(1, "is required").max(2000, "must be at most 2000 characters"),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `must be one of ${WEBHOOK_EVENTS.join(", ")}` }))
    .min(1, "must name at least one event")
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
});
export const webhookTargetSchema = z.strictObject({ id: z.uuid() });

/** A carrier holds this many endpoints at most: each status change is one delivery per endpoint. */
const MAX_ENDPOINTS = 10;
const RECENT_DELIVERIES = 5;

/** The signing secret is bound to its endpoint row, so a blob copied elsewhere does not decrypt. */
export const secretAad = (endpointId: string) => `webhook:${endpointId}`;

/** An endpoint as its carrier sees it: never the secret. */
export type WebhookEndpointView = {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  deliveries: {
    id: string;
    type: string;
    status: string;
    attempts: number;
    statusCode: number | null;
    error: string | null;
    at: string;
  }[];
};

type Deps = { db: Database; config: Pick<Env, "PII_KEYS" | "WEBHOOK_ALLOW_PRIVATE"> };

/** A new endpoint for the carrier; the secret is returned this once and kept only encrypted. */
export async function createWebhook(
  { db, config }: Deps,
  carrierId: string,
  input: z.output<typeof webhookInputSchema>,
): Promise<Result<{ id: string; secret: string }>> {
  const target = await checkTarget(input.url, config.WEBHOOK_ALLOW_PRIVATE);
  if (!target.ok) return failure("invalid_input", "Some fields are not valid.", { url: [target.reason] });
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.carrierId, carrierId));
  if (count >= MAX_ENDPOINTS) return failure("too_many_webhooks", `A carrier has at most ${MAX_ENDPOINTS} webhooks.`);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const sealed = encryptPii(piiKeyRing(config.PII_KEYS), secret, secretAad(id));
  await db.insert(webhookEndpoints).values({
    id,
    carrierId,
    url: target.url.href,
    events: input.events,
    secretKeyId: sealed.keyId,
    secretCiphertext: sealed.ciphertext,
  });
  return ok({ id, secret });
}

/** The carrier's endpoints, newest first, each with its latest deliveries. */
export async function listWebhooks(db: Database, carrierId: string): Promise<WebhookEndpointView[]> {
  const endpoints = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.carrierId, carrierId))
    .orderBy(desc(webhookEndpoints.createdAt));
  if (endpoints.length === 0) return [];
  const recent = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        inArray(
          webhookDeliveries.endpointId,
          endpoints.map((endpoint) => endpoint.id),
        ),
        sql`${webhookDeliveries.id} in (select id from webhook_deliveries d where d.endpoint_id = ${webhookDeliveries.endpointId} order by d.created_at desc limit ${RECENT_DELIVERIES})`,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt));
  return endpoints.map((endpoint) => ({
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    createdAt: endpoint.createdAt.toISOString(),
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    deliveries: recent
      .filter((delivery) => delivery.endpointId === endpoint.id)
      .map((delivery) => ({
        id: delivery.id,
        type: delivery.eventType,
        status: delivery.status,
        attempts: delivery.attempts,
        statusCode: delivery.lastStatusCode,
        error: delivery.lastError,
        at: (delivery.deliveredAt ?? delivery.createdAt).toISOString(),
      })),
  }));
}

/** Removes one of the carrier's endpoints with its deliveries; another carrier's is "not found". */
export async function deleteWebhook(db: Database, carrierId: string, id: string): Promise<Result<null>> {
  const [row] = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.carrierId, carrierId)))
    .returning({ id: webhookEndpoints.id });
  return row ? ok(null) : failure("not_found", "No such webhook in your carrier.");
}
