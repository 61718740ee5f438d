import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { transaction } from "@/db/transaction";
import { disclosures, parcels } from "@/db/schema";
import { recordStatusEvent } from "@/lib/parcels/record-event";
import { resolveParcel } from "@/lib/parcels/resolve";
import { cacheSnapshot, loadSnapshot, readCachedSnapshot } from "@/lib/parcels/snapshot";
import { getRedis } from "@/lib/redis/client";
import { readFullViewAtOnce } from "@/lib/parcels/full-view-read";
import { appDeps } from "@/lib/runtime/app-deps";
import type { Viewer } from "@/lib/core/viewer";
import { createApiKey, createCarrier, createParcel, createStaff, meta } from "../support/fixtures";

const DAY = 86_400_000;

// A full view starts from the code's cached snapshot, which may be seconds old: what it shows and
// whether it is audited are decided on the parcel's row as it is when the audit row is written.
describe("a full view over a stale cached snapshot", () => {
  let carrierId: string;
  let courier: Viewer & { userId: string };
  let other: { userId: string };
  let apiKey: Extract<Viewer, { kind: "api_key" }>;
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
    const views = [await resolveParcel(appDeps(), apiKey, parcel.code, meta())];
    views.push(await resolveParcel(appDeps(), apiKey, parcel.code, meta()));
    for (const outcome of views) expect(outcome.kind === "found" && outcome.view.visibility).toBe("full");
    expect(await audited(parcel.id)).toBe(2);
  });

  const disclosure = {
    viewerUserId: null,
    viewerRole: "api_key",
    fields: ["name"],
    ip: "10.0.0.1",
    userAgent: "vitest",
  };

  it("is read and audited in one statement while the row still holds what the snapshot says", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "delivered" });
    await getDb().execute(`update parcels set delivered_at = now() - interval '1.234567 s' where id = '${parcel.id}'`);
    const snapshot = (await loadSnapshot(getDb(), parcel.code))!;
    const read = await readFullViewAtOnce(getDb(), snapshot, { ...disclosure, viewerApiKeyId: apiKey.apiKeyId });
    expect(read).toMatchObject({ piiKeyId: parcel.piiKeyId, piiCiphertext: parcel.piiCiphertext });
    expect(read?.timeline.map((step) => step.status)).toEqual(["registered"]);
    expect(await audited(parcel.id)).toBe(1);
  });

  it("is refused, with no audit row, once the row no longer holds what the snapshot says", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "out_for_delivery", courierId: courier.userId });
    const snapshot = (await loadSnapshot(getDb(), parcel.code))!;
    await getDb().update(parcels).set({ courierId: other.userId }).where(eq(parcels.id, parcel.id));
    expect(await readFullViewAtOnce(getDb(), snapshot, { ...disclosure, viewerApiKeyId: apiKey.apiKeyId })).toBeNull();
    expect(await audited(parcel.id)).toBe(0);
  });
});
