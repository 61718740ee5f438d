import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Transaction } from "@/db/client";
import { carriers } from "@/db/schema";
import { env } from "@/lib/config/env";
import { assignSelection } from "@/lib/parcels/assign-selection";
import { runIdempotent, type StoredResponse } from "@/lib/idempotency/idempotency";
import { assignParcel, claimParcel } from "@/lib/parcels/assignment";
import { deliverWithProof } from "@/lib/parcels/deliver-with-proof";
import { purgeParcelNow } from "@/lib/parcels/purge";
import { recordStatusEvent } from "@/lib/parcels/record-event";
import { reissueCode } from "@/lib/parcels/reissue";
import { cacheSnapshot, loadSnapshot, readCachedSnapshot } from "@/lib/parcels/snapshot";
import { getRedis } from "@/lib/redis/client";
import { appDeps } from "@/lib/runtime/app-deps";
import { createApiKey, createCarrier, createParcel, createStaff } from "../support/fixtures";

const REGISTERED = { status: "registered" as const };

// Every write that changes what a stranger sees forgets the code's cached snapshot itself: these
// call the lib functions directly, with no handler around them to do it.
describe("the stranger's cached snapshot after a write", () => {
  let carrierId: string;
  let courier: { userId: string; carrierId: string };
  beforeAll(async () => {
    carrierId = (await createCarrier()).id;
    await getDb().update(carriers).set({ selfClaim: true }).where(eq(carriers.id, carrierId));
    courier = await createStaff("courier", carrierId);
  });

  /** The snapshot as a stranger's scan caches it, read on its own connection. */
  const cacheNow = async (code: string) => cacheSnapshot(getRedis(), (await loadSnapshot(getDb(), code))!);
  const cached = (code: string) => readCachedSnapshot(getRedis(), code);
  const idempotent = (work: (tx: Transaction) => Promise<StoredResponse>) =>
    runIdempotent(getDb(), "test:snapshot", randomUUID(), {}, work);

  it("is forgotten by a status event, even when a scan cached the old state before the commit", async () => {
    const { code } = await createParcel(carrierId, undefined, REGISTERED);
    const { viewer } = await createApiKey(carrierId);
    const actor = { kind: "api_key" as const, apiKeyId: viewer.apiKeyId, carrierId };
    const result = await idempotent(async (tx) => {
      const recorded = await recordStatusEvent(tx, getRedis(), actor, code, { status: "picked_up" });
      await cacheNow(code);
      return recorded;
    });
    expect(result.status).toBe(201);
    expect(await cached(code)).toBeNull();
  });

  it("is forgotten by a delivery with proof", async () => {
    const { code } = await createParcel(carrierId, undefined, {
      status: "out_for_delivery",
      courierId: courier.userId,
    });
    await cacheNow(code);
    const result = await idempotent((tx) =>
      deliverWithProof(tx, { config: env(), redis: getRedis() }, courier, code, { photo: null, pin: null }),
    );
    expect(result.status).toBe(201);
    expect(await cached(code)).toBeNull();
  });

  it("is forgotten by an assignment, a claim and a selection's assignment", async () => {
    const codes = await Promise.all(
      [1, 2, 3].map(async () => (await createParcel(carrierId, undefined, REGISTERED)).code),
    );
    await Promise.all(codes.map(cacheNow));
    expect((await assignParcel(appDeps(), carrierId, codes[0]!, { courierEmail: null })).status).toBe(200);
    expect((await claimParcel(appDeps(), courier, codes[1]!)).status).toBe(200);
    const selection = await assignSelection(appDeps(), carrierId, { codes: [codes[2]!], courierId: courier.userId });
    expect(selection.ok).toBe(true);
    expect(await Promise.all(codes.map(cached))).toEqual([null, null, null]);
  });

  it("is forgotten for the old code by a reissue", async () => {
    const { code } = await createParcel(carrierId, undefined, REGISTERED);
    await cacheNow(code);
    expect(await reissueCode(appDeps(), carrierId, code)).not.toBeNull();
    expect(await cached(code)).toBeNull();
  });

  it("is forgotten by the owner's early purge", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "delivered", deliveredAt: new Date() });
    await cacheNow(parcel.code);
    expect(await purgeParcelNow(appDeps(), parcel.id)).toBe(parcel.code);
    expect(await cached(parcel.code)).toBeNull();
  });
});
