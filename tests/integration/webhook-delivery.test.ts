import { createHmac, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { env } from "@/lib/config/env";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import {
  DEFAULT_TIMING,
  enqueueWebhookDeliveries,
  startWebhookWorker,
  sweepWebhookDeliveries,
} from "@/lib/webhooks/queue";
import type { Worker } from "bullmq";
import { api } from "../support/api";
import { createApiKey, createCarrier, createParcel, parcelInput } from "../support/fixtures";
import { setAllowPrivate, startReceiver, until, webhookApi, type Received } from "../support/webhook-receiver";

// Retries come quickly here: the backoff is the worker's option, so no test sleeps through 10 s.
const FAST = { ...DEFAULT_TIMING, timeoutMs: 2_000, backoffMs: () => 50 };
const EVENTS = ["parcel.status_changed"];

const deliveriesOf = (endpointId: string) =>
  getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

async function carrierWithWebhook(url: string) {
  const carrier = await createCarrier();
  const { key } = await createApiKey(carrier.id);
  const created = await webhookApi.create({ key }, { url, events: EVENTS });
  expect(created.status).toBe(201);
  const { id, secret } = (await created.json()) as { id: string; secret: string };
  return { carrierId: carrier.id, key, endpointId: id, secret };
}

const newParcel = (carrierId: string, input = parcelInput()) =>
  createParcel(carrierId, input, { status: "registered" });

const move = (code: string, key: string, status: string) =>
  api.event(code, { key, idempotencyKey: randomUUID(), body: { status } });

describe("webhook deliveries", () => {
  const workers: Worker[] = [];
  beforeAll(() => setAllowPrivate(true));
  afterEach(async () => void (await Promise.all(workers.splice(0).map((worker) => worker.close()))));
  afterAll(() => setAllowPrivate(false));

  it("signs each status change with the secret and sends no personal data", async () => {
    const receiver = await startReceiver();
    workers.push(startWebhookWorker(FAST, { shared: false }));
    const { carrierId, key, secret } = await carrierWithWebhook(receiver.url);
    const input = parcelInput();
    const parcel = await newParcel(carrierId, { ...input, reference: "ORDER-77" });
    expect((await move(parcel.code, key, "picked_up")).status).toBe(201);
    await until(() => receiver.received.length === 1);
    const [{ headers, body }] = receiver.received as [Received];
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers["exq-signature"]))!;
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
    const event = JSON.parse(body);
    expect(event).toMatchObject({
      type: "parcel.status_changed",
      data: { code: parcel.code, reference: "ORDER-77", status: "picked_up" },
    });
    expect(headers["exq-event-id"]).toBe(event.id);
    for (const personal of [input.recipient.name, input.recipient.phone, "오목로", "211동", input.recipient.memo!]) {
      expect(body).not.toContain(personal);
    }
    expect(Object.keys(event.data).sort()).toEqual(["at", "code", "reference", "status"]);
    await receiver.close();
  });

  it("retries a receiver answering 500 twice and delivers on the third try", async () => {
    const receiver = await startReceiver([500, 500]);
    workers.push(startWebhookWorker(FAST, { shared: false }));
    const { carrierId, key, endpointId } = await carrierWithWebhook(receiver.url);
    const parcel = await newParcel(carrierId);
    await move(parcel.code, key, "picked_up");
    await until(async () => (await deliveriesOf(endpointId))[0]?.status === "delivered");
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });
    await receiver.close();
  });

  it("delivers each change exactly once with two workers running, and the sweeper adds no second copy", async () => {
    const receiver = await startReceiver();
    workers.push(startWebhookWorker(FAST, { shared: false }), startWebhookWorker(FAST, { shared: false }));
    const { carrierId, key, endpointId } = await carrierWithWebhook(receiver.url);
    const parcels = await Promise.all(Array.from({ length: 5 }, () => newParcel(carrierId)));
    for (const status of ["picked_up", "in_transit"]) {
      await Promise.all(parcels.map((parcel) => move(parcel.code, key, status)));
    }
    // Another replica's sweeper queues the same deliveries again meanwhile: still one job each.
    await enqueueWebhookDeliveries((await deliveriesOf(endpointId)).map((row) => row.id));
    await until(async () => (await deliveriesOf(endpointId)).every((row) => row.status === "delivered"));
    expect(await deliveriesOf(endpointId)).toHaveLength(10);
    expect(await sweepWebhookDeliveries(getDb(), 0)).toBe(0);
    const ids = receiver.received.map((r) => JSON.parse(r.body).id as string);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    await receiver.close();
  });

  it("sweeps a committed delivery whose job never reached the queue", async () => {
    const receiver = await startReceiver();
    workers.push(startWebhookWorker(FAST, { shared: false }));
    const { endpointId } = await carrierWithWebhook(receiver.url);
    const body = { id: randomUUID(), type: "parcel.status_changed", createdAt: new Date().toISOString(), data: {} };
    await getDb()
      .insert(webhookDeliveries)
      .values({
        endpointId,
        eventId: body.id,
        eventType: body.type,
        body,
        nextAttemptAt: new Date(Date.now() - 120_000),
      });
    expect(await sweepWebhookDeliveries(getDb())).toBe(1);
    await until(() => receiver.received.length === 1);
    await receiver.close();
  });

  it("checks the address again at delivery: a target that is private now is not contacted", async () => {
    const receiver = await startReceiver();
    const { carrierId, key, endpointId } = await carrierWithWebhook(receiver.url);
    await move((await newParcel(carrierId)).code, key, "picked_up");
    const [delivery] = await deliveriesOf(endpointId);
    const strict = { db: getDb(), config: { ...env(), WEBHOOK_ALLOW_PRIVATE: false } };
    expect(await attemptDelivery(strict, delivery!.id, FAST)).toBe("retry");
    expect(receiver.received).toHaveLength(0);
    expect((await deliveriesOf(endpointId))[0]!.lastError).toMatch(/^refused: /);
    await receiver.close();
  });

  it("disables an endpoint that fails for the whole window, with the reason, and queues nothing more for it", async () => {
    const receiver = await startReceiver([500, 500, 500]);
    const { carrierId, key, endpointId } = await carrierWithWebhook(receiver.url);
    const parcel = await newParcel(carrierId);
    await move(parcel.code, key, "picked_up");
    const [delivery] = await deliveriesOf(endpointId);
    const deps = { db: getDb(), config: env() };
    await getDb()
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - 86_400_000 - 1) })
      .where(eq(webhookEndpoints.id, endpointId));
    expect(await attemptDelivery(deps, delivery!.id, FAST)).toBe("done");
    const [endpoint] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(endpoint!.disabledAt).not.toBeNull();
    expect(endpoint!.disabledReason).toMatch(/24 hours.*HTTP 500/);
    await move(parcel.code, key, "in_transit");
    expect(await deliveriesOf(endpointId)).toHaveLength(1);
    await receiver.close();
  });
});
