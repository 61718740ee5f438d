import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { getRedis } from "@/lib/redis/client";
import { parcelEvents, parcels } from "@/db/schema";
import { recordStatusEvent, type StatusActor } from "@/lib/parcels/record-event";
import { api } from "../support/api";
import { createApiKey, createCarrier, parcelInput } from "../support/fixtures";

describe("status events", () => {
  let key: string;
  let foreignKey: string;
  let actor: StatusActor;
  beforeAll(async () => {
    const carrier = await createCarrier();
    const created = await createApiKey(carrier.id);
    key = created.key;
    actor = { kind: "api_key", apiKeyId: created.viewer.apiKeyId, carrierId: carrier.id };
    foreignKey = (await createApiKey((await createCarrier()).id)).key;
  });

  const register = async () => (await (await api.register({ key, body: parcelInput() })).json()).code as string;
  const eventsOf = async (code: string) => {
    const [parcel] = await getDb().select().from(parcels).where(eq(parcels.code, code));
    // In the order they were recorded: without an ORDER BY the plan decides, and once autoanalyze has seen
    // the table grow the index returns them by device time, which puts this test's back-dated event first.
    const events = await getDb()
      .select()
      .from(parcelEvents)
      .where(eq(parcelEvents.parcelId, parcel!.id))
      .orderBy(asc(parcelEvents.id));
    return { parcel: parcel!, events };
  };

  it("moves along the life cycle and records the device's time", async () => {
    const code = await register();
    const at = new Date(Date.now() - 60_000).toISOString();
    const response = await api.event(code, { key, idempotencyKey: "e1", body: { status: "picked_up", at } });
    expect(response.status).toBe(201);
    const { parcel, events } = await eventsOf(code);
    expect(parcel.status).toBe("picked_up");
    // The registration is the parcel's registration row; events are the changes after it.
    expect(events.map((e) => e.status)).toEqual(["picked_up"]);
    expect(events[0]!.occurredAt.toISOString()).toBe(at);
  });

  it("refuses an invalid transition with 409 naming the allowed ones", async () => {
    const code = await register();
    const response = await api.event(code, { key, idempotencyKey: "e2", body: { status: "delivered" } });
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_transition");
    expect(error.allowed).toEqual(["picked_up"]);
    expect((await eventsOf(code)).events).toHaveLength(0);
  });

  it("requires a reason for a failed attempt and an Idempotency-Key for every change", async () => {
    const code = await register();
    expect((await api.event(code, { key, body: { status: "picked_up" } })).status).toBe(400);
    for (const [i, status] of ["picked_up", "in_transit", "out_for_delivery"].entries()) {
      await api.event(code, { key, idempotencyKey: `r${i}`, body: { status } });
    }
    const noReason = await api.event(code, { key, idempotencyKey: "r9", body: { status: "failed_attempt" } });
    expect((await noReason.json()).error.code).toBe("reason_required");
    const withReason = { status: "failed_attempt", reason: "absent" };
    expect((await api.event(code, { key, idempotencyKey: "r10", body: withReason })).status).toBe(201);
  });

  it("records one event for replays and for concurrent duplicates", async () => {
    const code = await register();
    const tap = { status: "picked_up" };
    const same = await Promise.all(
      Array.from({ length: 5 }, () => api.event(code, { key, idempotencyKey: "tap", body: tap })),
    );
    expect(same.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const twoTabs = await Promise.all([
      api.event(code, { key, idempotencyKey: "tab-a", body: { status: "in_transit" } }),
      api.event(code, { key, idempotencyKey: "tab-b", body: { status: "in_transit" } }),
    ]);
    expect(twoTabs.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await eventsOf(code)).events.map((e) => e.status)).toEqual(["picked_up", "in_transit"]);
  });

  it("judges a change without a device time after the one it waited for, even if its clock read came first", async () => {
    // Two tabs: B read the clock a millisecond before A, then waited for A's lock on the parcel.
    const code = await register();
    const clockB = new Date();
    const clockA = new Date(clockB.getTime() + 1);
    const tap = (now: Date) =>
      transaction(getDb(), (tx) => recordStatusEvent(tx, getRedis(), actor, code, { status: "picked_up" }, { now }));
    expect((await tap(clockA)).status).toBe(201);
    const second = await tap(clockB);
    expect(second.status).toBe(409);
    expect((await eventsOf(code)).events.map((e) => e.status)).toEqual(["picked_up"]);
  });

  it("hides another carrier's parcel behind 404", async () => {
    const code = await register();
    const response = await api.event(code, { key: foreignKey, idempotencyKey: "x", body: { status: "picked_up" } });
    expect(response.status).toBe(404);
  });

  it("refuses a time before the parcel was registered, naming at", async () => {
    const code = await register();
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const response = await api.event(code, { key, idempotencyKey: "p", body: { status: "picked_up", at } });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).error.fields)).toEqual(["at"]);
    expect((await eventsOf(code)).events).toHaveLength(0);
  });

  it("refuses a time from the future", async () => {
    const code = await register();
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const response = await api.event(code, { key, idempotencyKey: "f", body: { status: "picked_up", at } });
    expect(response.status).toBe(400);
  });
});
