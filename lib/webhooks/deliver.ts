import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { decryptPii, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { secretAad } from "./endpoints";
import { postPinned, type SendOutcome } from "./send";
import { signatureHeader } from "./signature";
import { checkTarget } from "./target";

export type DeliveryTiming = {
  /** How long a delivery is retried from its event, and how long an endpoint may fail before it is disabled. */
  windowMs: number;
  timeoutMs: number;
  /** The wait before the retry after `attempts` failures. */
  backoffMs: (attempts: number) => number;
};

export type DeliveryDeps = { db: Database; config: Pick<Env, "PII_KEYS" | "WEBHOOK_ALLOW_PRIVATE"> };

/** `retry`: the queue tries again after timing.backoffMs; `done`: delivered, or given up for good. */
export type AttemptResult = "done" | "retry";

async function load(db: Database, deliveryId: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row;
}

async function send(deps: DeliveryDeps, row: NonNullable<Awaited<ReturnType<typeof load>>>, timing: DeliveryTiming) {
  const { delivery, endpoint } = row;
  // Checked again at every attempt: the name may resolve elsewhere now than at registration.
  const target = await checkTarget(endpoint.url, deps.config.WEBHOOK_ALLOW_PRIVATE);
  if (!target.ok) return { ok: false, statusCode: null, error: `refused: ${target.reason}` } satisfies SendOutcome;
  const ring = piiKeyRing(deps.config.PII_KEYS);
  const secret = decryptPii(ring, endpoint.secretKeyId, endpoint.secretCiphertext, secretAad(endpoint.id)).toString();
  const body = JSON.stringify(delivery.body);
  const headers = {
    "User-Agent": "EXQRESS-Webhooks/1",
    "Exq-Event-Id": delivery.eventId,
    "Exq-Signature": signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
  };
  return postPinned(target, body, headers, timing.timeoutMs);
}

/** Ends a delivery for good: it failed, and, when its endpoint has failed for the whole window, so has the endpoint. */
async function giveUp(db: Database, deliveryId: string, endpointId: string, reason: string | null) {
  await db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.id, deliveryId));
  if (reason) {
    await db
      .update(webhookEndpoints)
      .set({ disabledAt: sql`now()`, disabledReason: reason })
      .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)));
  }
}

/**
 * One attempt at one delivery. A delivery already delivered or ended is not sent again (a job
 * queued twice sends once); 2xx delivers it and clears the endpoint's failing streak; anything
 * else is recorded (status code or a short reason, never the answer's body) and retried until
 * the window from its event has passed. An endpoint failing for the whole window is disabled.
 */
export async function attemptDelivery(
  deps: DeliveryDeps,
  deliveryId: string,
  timing: DeliveryTiming,
): Promise<AttemptResult> {
  const row = await load(deps.db, deliveryId);
  if (!row || row.delivery.status !== "pending") return "done";
  const { delivery, endpoint } = row;
  if (endpoint.disabledAt) {
    await giveUp(deps.db, delivery.id, endpoint.id, null);
    return "done";
  }
  const outcome = await send(deps, row, timing);
  const attempts = delivery.attempts + 1;
  if (outcome.ok) {
    await deps.db
      .update(webhookDeliveries)
      .set({
        status: "delivered",
        attempts,
        lastStatusCode: outcome.statusCode,
        lastError: null,
        deliveredAt: sql`now()`,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    await deps.db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
    return "done";
  }
  const now = Date.now();
  await deps.db
    .update(webhookDeliveries)
    .set({
      attempts,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error.slice(0, 120),
      nextAttemptAt: new Date(now + timing.backoffMs(attempts)),
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  const failingSince = endpoint.failingSince ?? new Date(now);
  if (!endpoint.failingSince) {
    await deps.db.update(webhookEndpoints).set({ failingSince }).where(eq(webhookEndpoints.id, endpoint.id));
  }
  const hours = Math.round(timing.windowMs / 3_600_000);
  if (now - failingSince.getTime() >= timing.windowMs) {
    await giveUp(deps.db, delivery.id, endpoint.id, `failed for ${hours} hours; last: ${outcome.error.slice(0, 80)}`);
    return "done";
  }
  if (now - delivery.createdAt.getTime() >= timing.windowMs) {
    await giveUp(deps.db, delivery.id, endpoint.id, null);
    return "done";
  }
  return "retry";
}
