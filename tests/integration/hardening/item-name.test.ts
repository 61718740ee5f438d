import { describe, expect, it } from "vitest";
import { appDeps } from "@/lib/runtime/app-deps";
import { resolveParcel } from "@/lib/parcels/resolve";
import type { Viewer } from "@/lib/core/viewer";
import {
  createApiKey,
  createCarrier,
  createParcel,
  createRecipient,
  createStaff,
  meta,
  parcelInput,
  uniquePhone,
} from "../../support/fixtures";

/**
 * The item name is free text (a phone number and an address are accepted), so it
 * goes only to those who see the label's data anyway: the owner, the carrier, the assigned
 * courier; anyone else sees it only when it is printed on the label.
 */
const ITEM = "무선 이어폰 010-9876-5432";

async function scenario(printItemName: boolean) {
  const carrier = await createCarrier();
  const phone = uniquePhone();
  const courier = await createStaff("courier", carrier.id);
  const parcel = await createParcel(
    carrier.id,
    { ...parcelInput(phone), itemName: ITEM, printItemName },
    { status: "out_for_delivery", courierId: courier.userId },
  );
  const other = await createCarrier();
  const viewers: Record<string, Viewer> = {
    stranger: { kind: "anonymous" },
    otherCarrierAdmin: await createStaff("admin", other.id),
    otherCarrierKey: (await createApiKey(other.id)).viewer,
    unassignedCourier: await createStaff("courier", carrier.id),
    otherRecipient: await createRecipient(),
    owner: await createRecipient(phone),
    carrierAdmin: await createStaff("admin", carrier.id),
    carrierKey: (await createApiKey(carrier.id)).viewer,
    assignedCourier: courier,
  };
  return { parcel, viewers };
}

async function itemNameSeenBy(code: string, viewer: Viewer): Promise<string | null | undefined> {
  const outcome = await resolveParcel(appDeps(), viewer, code, meta());
  if (outcome.kind !== "found") throw new Error(`expected the parcel, got ${outcome.kind}`);
  return outcome.view.itemName;
}

describe("item name visibility", () => {
  it("with printItemName false: only the owner, the carrier and the assigned courier see it", async () => {
    const { parcel, viewers } = await scenario(false);
    const seen = Object.fromEntries(
      await Promise.all(Object.entries(viewers).map(async ([who, v]) => [who, await itemNameSeenBy(parcel.code, v)])),
    );
    expect(seen).toEqual({
      stranger: null,
      otherCarrierAdmin: null,
      otherCarrierKey: null,
      unassignedCourier: null,
      otherRecipient: null,
      owner: ITEM,
      carrierAdmin: ITEM,
      carrierKey: ITEM,
      assignedCourier: ITEM,
    });
  });

  it("with printItemName true: everyone who scans sees what the label shows anyway", async () => {
    const { parcel, viewers } = await scenario(true);
    for (const viewer of Object.values(viewers)) expect(await itemNameSeenBy(parcel.code, viewer)).toBe(ITEM);
  });

  it("the owner still sees it once the parcel's personal data has expired", async () => {
    const carrier = await createCarrier();
    const phone = uniquePhone();
    const parcel = await createParcel(
      carrier.id,
      { ...parcelInput(phone), itemName: ITEM },
      { status: "delivered", deliveredAt: new Date(Date.now() - 400 * 86_400_000) },
    );
    expect(await itemNameSeenBy(parcel.code, await createRecipient(phone))).toBe(ITEM);
    expect(await itemNameSeenBy(parcel.code, { kind: "anonymous" })).toBeNull();
  });
});
