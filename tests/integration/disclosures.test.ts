import { beforeAll, describe, expect, it } from "vitest";
import { recipientApi } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";

describe("GET /api/v1/parcels/{code}/disclosures", () => {
  let world: RecipientWorld;
  let code: string;
  beforeAll(async () => {
    world = await recipientWorld();
    code = (await world.parcel({ status: "out_for_delivery" })).code;
    // Full views: the owner's own (never logged), the courier's, the admin's and the key's.
    for (const as of [world.as.owner, world.as.courier, world.as.admin]) {
      expect((await (await recipientApi.resolve(code, as)).json()).visibility).toBe("full");
    }
    await recipientApi.resolve(code, world.as.key);
    // Masked views by outsiders write nothing either.
    for (const as of [world.as.otherKey, world.as.otherCourier, world.as.otherRecipient]) {
      expect((await (await recipientApi.resolve(code, as)).json()).visibility).toBe("masked");
    }
  });

  it("lists exactly the courier's, the admin's and the key's full views, for the owner", async () => {
    const response = await recipientApi.disclosures(code, world.as.owner);
    expect(response.status).toBe(200);
    const { disclosures } = await response.json();
    expect(disclosures.map((d: { role: string }) => d.role)).toEqual(["courier", "admin", "api_key"]);
    for (const entry of disclosures) {
      expect(entry.carrierName).toBe(world.carrier.name);
      expect(entry.fields).toEqual(["name", "phone", "address", "addressDetail", "postalCode", "memo"]);
      expect(Object.keys(entry).sort()).toEqual(["at", "carrierName", "displayName", "fields", "role"]);
    }
    // The viewers' own IP and browser stay with the carrier.
    expect(JSON.stringify(disclosures)).not.toContain("vitest");
  });

  it("answers the carrier's admin and key the same list", async () => {
    for (const as of [world.as.admin, world.as.key]) {
      const response = await recipientApi.disclosures(code, as);
      expect(response.status).toBe(200);
      expect((await response.json()).disclosures).toHaveLength(3);
    }
  });

  it("gives everyone else nothing", async () => {
    expect((await recipientApi.disclosures(code, world.as.stranger)).status).toBe(401);
    for (const as of [world.as.courier, world.as.otherCourier]) {
      expect((await recipientApi.disclosures(code, as)).status).toBe(403);
    }
    for (const as of [world.as.otherRecipient, world.as.otherAdmin, world.as.otherKey]) {
      const response = await recipientApi.disclosures(code, as);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("disclosures");
    }
  });
});
