import "server-only";
import { randomUUID } from "node:crypto";
import { and, arrayContains, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { afterCommit } from "@/db/transaction";
import { enqueueWebhookDeliveries } from "./queue";

/** What a status change tells a carrier's systems: codes and statuses, never a person's data. */
export type StatusChange = { carrierId: string; code: string; reference: string | null; status: string; at: Date };

/**
 * Writes one delivery per enabled endpoint of the carrier that subscribes to
 * `parcel.status_changed`, in the change's own transaction (so a committed change is delivered
 * at least once, and a rolled-back one never), and queues them once it commits. A process that
 * dies in between leaves them to the sweeper (queue.ts).
 */
export async function queueStatusWebhooks(tx: Transaction, change: StatusChange): Promise<void> {
  const type = "parcel.status_changed";
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.carrierId, change.carrierId),
        isNull(webhookEndpoints.disabledAt),
        arrayContains(webhookEndpoints.events, [type]),
      ),
    );
  if (endpoints.length === 0) return;
  const eventId = randomUUID();
  const body = {
    id: eventId,
    type,
    createdAt: new Date().toISOString(),
    data: { code: change.code, reference: change.reference, status: change.status, at: change.at.toISOString() },
  };
  const rows = await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventId, eventType: type, body })))
    .returning({ id: webhookDeliveries.id });
  afterCommit(tx, () => enqueueWebhookDeliveries(rows.map((row) => row.id)));
}
