import { describe, expect, it } from "vitest";
import { newParcelCode } from "@/lib/parcels/code";
import { courierApi, sessionCookie } from "../../support/courier-api";
import { createCarrier, createParcel, createStaff, parcelInput } from "../../support/fixtures";

/**
 * The courier app's scan (GET /api/v1/courier/parcels/{code}) is a second way to look a code up:
 * it must cost what the parcel lookup costs (a guessed code far more than a real one) and show the
 * item name to exactly those the parcel lookup shows it to.
 */
async function courierOfNewCarrier() {
  const carrierId = (await createCarrier()).id;
  const courier = await createStaff("courier", carrierId);
  return { carrierId, courier, cookie: await sessionCookie({ ...courier, role: "courier" }) };
}

type Lookup = typeof courierApi.scan;

/** Random codes until the first 429: how many were answered 404, and that 429. */
async function guessUntilRefused(lookup: Lookup, cookie: string) {
  for (let misses = 0; misses < 100; misses++) {
    const response = await lookup(newParcelCode(), { cookie });
    if (response.status === 429) return { misses, response };
    expect(response.status).toBe(404);
  }
  throw new Error("never refused");
}

describe("the courier's scan is charged like the parcel lookup", () => {
  it("35 random codes, then a real one: refused with 429 and Retry-After", async () => {
    const { carrierId, cookie } = await courierOfNewCarrier();
    const parcel = await createParcel(carrierId, undefined, { status: "registered" });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await courierApi.scan(newParcelCode(), { cookie })).status);
    expect(statuses).toContain(429);
    const real = await courierApi.scan(parcel.code, { cookie });
    expect(real.status).toBe(429);
    expect(Number(real.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("as many guesses as the parcel lookup allows, from the same budget; a malformed code is a guess too", async () => {
    const scanning = await courierOfNewCarrier();
    const resolving = await courierOfNewCarrier();
    const scanned = await guessUntilRefused(courierApi.scan, scanning.cookie);
    const resolved = await guessUntilRefused(courierApi.resolve, resolving.cookie);
    expect(scanned.misses).toBe(resolved.misses);
    // One budget: the lookup that spent it leaves the scan nothing, and the other way round.
    expect((await courierApi.resolve(newParcelCode(), { cookie: scanning.cookie })).status).toBe(429);
    expect((await courierApi.scan(newParcelCode(), { cookie: resolving.cookie })).status).toBe(429);
    const fresh = await courierOfNewCarrier();
    const malformed = await guessUntilRefused((_, options) => courierApi.scan("not-a-code", options), fresh.cookie);
    expect(malformed.misses).toBe(resolved.misses);
  });

  it("real codes of the courier's carrier cost one token each, far less than guesses", async () => {
    const { carrierId, courier, cookie } = await courierOfNewCarrier();
    const parcel = await createParcel(carrierId, undefined, { status: "out_for_delivery", courierId: courier.userId });
    for (let i = 0; i < 100; i++) expect((await courierApi.scan(parcel.code, { cookie })).status).toBe(200);
  });
});

describe("the item name on the courier's scan", () => {
  const ITEM = "무선 이어폰 010-9876-5432";

  async function itemNames(printItemName: boolean) {
    const { carrierId, courier, cookie } = await courierOfNewCarrier();
    const other = await createStaff("courier", carrierId);
    const otherCookie = await sessionCookie({ ...other, role: "courier" });
    const input = { ...parcelInput(), itemName: ITEM, printItemName };
    const parcel = await createParcel(carrierId, input, { status: "out_for_delivery", courierId: courier.userId });
    const seen = async (lookup: Lookup, asWho: string) =>
      (await (await lookup(parcel.code, { cookie: asWho })).json()).itemName;
    return {
      assigned: { scan: await seen(courierApi.scan, cookie), resolve: await seen(courierApi.resolve, cookie) },
      unassigned: {
        scan: await seen(courierApi.scan, otherCookie),
        resolve: await seen(courierApi.resolve, otherCookie),
      },
    };
  }

  it("not printed on the label: the assigned courier sees it on both, another courier on neither", async () => {
    expect(await itemNames(false)).toEqual({
      assigned: { scan: ITEM, resolve: ITEM },
      unassigned: { scan: null, resolve: null },
    });
  });

  it("printed on the label: every courier of the carrier sees it on both", async () => {
    expect(await itemNames(true)).toEqual({
      assigned: { scan: ITEM, resolve: ITEM },
      unassigned: { scan: ITEM, resolve: ITEM },
    });
  });
});
