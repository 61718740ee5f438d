import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { disclosures, parcels } from "@/db/schema";
import { recordStatusEvent } from "@/lib/parcels/record-event";
import { resolveParcel } from "@/lib/parcels/resolve";
import { cacheSnapshot, loadSnapshot, readCachedSnapshot } from "@/lib/parcels/snapshot";
import { getRedis } from "@/lib/redis/client";
import { appDeps } from "@/lib/runtime/app-deps";
import { createApiKey, createCarrier, createParcel, createStaff, meta } from "../support/fixtures";

const DAY = 86_400_000;

// A full view starts from the code's cached snapshot, which may be seconds old: what it shows and
// whether it is audited are decided on the parcel's row as it is when the audit row is written.
describe("a full view over a stale cached snapshot", () => {
  let carrierId: string;
  let courier: { kind: "courier"; userId: string; carrierId: string };
  let other: { kind: "courier"; userId: string; carrierId: string };
  let apiKey: { kind: "api_key"; apiKeyId: string; carrierId: string };
  beforeAll(async () => {
    carrierId = (await createCarrier()).id;
    [courier, other, { viewer: apiKey }] = await Promise.all([
      createStaff("courier", carrierId),
      createStaff("courier", carrierId),
      createApiKey(carrierId),
    ]);
  });

  /** Caches the parcel's snapshot as a scan would, then changes its row behind the cache's back. */
  async function staleAfter(code: string, change: Partial<typeof parcels.$inferInsert>) {
    await cacheSnapshot(getRedis(), (await loadSnapshot(getDb(), code))!);
    await getDb().update(parcels).set(change).where(eq(parcels.code, code));
    expect(await readCachedSnapshot(getRedis(), code)).not.toBeNull();
  }
  const audited = async (parcelId: string) =>
    (await getDb().select({ n: count() }).from(disclosures).where(eq(disclosures.parcelId, parcelId)))[0]!.n;

  it("shows a courier taken off the parcel the masked view, and writes no audit row", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "out_for_delivery", courierId: courier.userId });
    await staleAfter(parcel.code, { courierId: other.userId });
    const outcome = await resolveParcel(appDeps(), courier, parcel.code, meta());
    expect(outcome.kind === "found" && outcome.view.visibility).toBe("masked");
    expect(await audited(parcel.id)).toBe(0);
  });

  it("shows the carrier's key a parcel purged since as expired, and writes no audit row", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "delivered", deliveredAt: new Date() });
    await staleAfter(parcel.code, { piiPurgedAt: new Date(), piiCiphertext: null, piiKeyId: null });
    const outcome = await resolveParcel(appDeps(), apiKey, parcel.code, meta());
    expect(outcome.kind === "found" && outcome.view).toMatchObject({ visibility: "masked", expired: true });
    expect(await audited(parcel.id)).toBe(0);
  });

  it("shows a delivery that has passed retention since masked, and writes no audit row", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "out_for_delivery" });
    await staleAfter(parcel.code, { status: "delivered", deliveredAt: new Date(Date.now() - 400 * DAY) });
    const outcome = await resolveParcel(appDeps(), apiKey, parcel.code, meta());
    expect(outcome.kind === "found" && outcome.view.visibility).toBe("masked");
    expect(await audited(parcel.id)).toBe(0);
  });

  it("gives the row's status and every event recorded since, audited once", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "registered" });
    await cacheSnapshot(getRedis(), (await loadSnapshot(getDb(), parcel.code))!);
    await transaction(getDb(), (tx) =>
      recordStatusEvent(tx, getRedis(), apiKey, parcel.code, { status: "picked_up", place: "Seoul hub" }),
    );
    await cacheSnapshot(getRedis(), { ...(await loadSnapshot(getDb(), parcel.code))!, status: "registered" });
    const outcome = await resolveParcel(appDeps(), apiKey, parcel.code, meta());
    expect(outcome.kind === "found" && outcome.view).toMatchObject({ visibility: "full", status: "picked_up" });
    const timeline = outcome.kind === "found" && outcome.view.visibility === "full" ? outcome.view.timeline : [];
    expect(timeline.map((step) => [step.status, step.place])).toEqual([
      ["registered", null],
      ["picked_up", "Seoul hub"],
    ]);
    expect(await audited(parcel.id)).toBe(1);
  });

  it("gives a delivered parcel's full view once per look-up, its delivery time kept to the microsecond", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "delivered" });
    await getDb().execute(`update parcels set delivered_at = now() - interval '1.234567 s' where id = '${parcel.id}'`);
    await cacheSnapshot(getRedis(), (await loadSnapshot(getDb(), parcel.code))!);
    for (const _ of [1, 2]) {
      const outcome = await resolveParcel(appDeps(), apiKey, parcel.code, meta());
      expect(outcome.kind === "found" && outcome.view.visibility).toBe("full");
    }
    expect(await audited(parcel.id)).toBe(2);
  });
});
