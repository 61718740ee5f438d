import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { recordStatusEvent } from "@/lib/parcels/record-event";
import { fullViewTimeline } from "@/lib/parcels/timeline";
import { ownerTimeline } from "@/lib/recipient/owner-timeline";
import { getRedis } from "@/lib/redis/client";
import { createApiKey, createCarrier, createParcel, createStaff } from "../support/fixtures";

describe("a parcel's timeline, as each reader is shown who acted", () => {
  it("names the key's carrier to the owner, and no carrier in a full view", async () => {
    const carrier = await createCarrier();
    const { viewer } = await createApiKey(carrier.id);
    const courier = await createStaff("courier", carrier.id);
    const parcel = await createParcel(carrier.id, undefined, { courierId: courier.userId });
    const record = (actor: Parameters<typeof recordStatusEvent>[2], status: string) =>
      transaction(getDb(), (tx) => recordStatusEvent(tx, getRedis(), actor, parcel.code, { status }));
    await record({ kind: "api_key", apiKeyId: viewer.apiKeyId, carrierId: carrier.id }, "picked_up");
    await record({ ...courier, kind: "courier" }, "in_transit");

    const owner = await ownerTimeline(getDb(), {
      id: parcel.id,
      carrierName: carrier.name,
      registeredAt: parcel.createdAt,
    });
    expect(owner.map((entry) => (entry.kind === "status" ? [entry.status, entry.actor] : null))).toEqual([
      ["registered", { role: "carrier", name: carrier.name }],
      ["picked_up", { role: "carrier", name: carrier.name }],
      ["in_transit", { role: "courier", name: null }],
    ]);
    const full = await fullViewTimeline(getDb(), parcel.id, parcel.createdAt);
    expect(full.map((entry) => [entry.status, entry.by])).toEqual([
      ["registered", { role: "carrier", name: null }],
      ["picked_up", { role: "carrier", name: null }],
      ["in_transit", { role: "courier", name: null }],
    ]);
  });
});
