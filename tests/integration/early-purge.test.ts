import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { messages, parcels, reports } from "@/db/schema";
import { purgeExpiredPersonalData } from "@/lib/parcels/purge";
import { randomIp } from "../support/fixtures";
import { recipientApi } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";

const row = async (id: string) => (await getDb().select().from(parcels).where(eq(parcels.id, id)))[0]!;
const contactsOf = async (parcelId: string) =>
  (await getDb().select().from(reports).where(eq(reports.parcelId, parcelId))).map((r) => r.contactCiphertext);

describe("purging a parcel's personal data", () => {
  let world: RecipientWorld;
  beforeAll(async () => {
    world = await recipientWorld();
  });

  it("lets the owner purge an ended delivery at once; the masked view and the disclosure list remain", async () => {
    const parcel = await world.parcel({ status: "delivered", deliveredAt: new Date() });
    await recipientApi.resolve(parcel.code, world.as.admin);
    const found = { kind: "found", place: "현관", contact: "010-9999-8888" };
    expect((await recipientApi.report(parcel.code, { ip: randomIp() }, found)).status).toBe(201);
    for (const as of [world.as.stranger, world.as.otherRecipient, world.as.courier, world.as.admin, world.as.key]) {
      expect([401, 403, 404]).toContain((await recipientApi.purge(parcel.code, as)).status);
    }
    expect((await row(parcel.id)).piiCiphertext).not.toBeNull();

    expect((await recipientApi.purge(parcel.code, world.as.owner)).status).toBe(200);
    const purged = await row(parcel.id);
    expect(purged.piiCiphertext).toBeNull();
    expect(purged.piiKeyId).toBeNull();
    expect(purged.piiPurgedAt).not.toBeNull();
    expect(await contactsOf(parcel.id)).toEqual([null]);
    // Again: nothing left, the same answer.
    expect((await recipientApi.purge(parcel.code, world.as.owner)).status).toBe(200);

    const view = await (await recipientApi.resolve(parcel.code, world.as.owner)).json();
    expect(view).toMatchObject({ visibility: "masked", expired: true });
    const { disclosures } = await (await recipientApi.disclosures(parcel.code, world.as.owner)).json();
    expect(disclosures.map((d: { role: string }) => d.role)).toEqual(["admin"]);
  });

  it("refuses while the delivery is active", async () => {
    const parcel = await world.parcel({ status: "out_for_delivery" });
    expect((await recipientApi.purge(parcel.code, world.as.owner)).status).toBe(409);
    expect((await row(parcel.id)).piiCiphertext).not.toBeNull();
  });

  it("retention takes the thread and the finder's contact with the parcel's data", async () => {
    const parcel = await world.parcel({ status: "out_for_delivery" });
    expect((await recipientApi.send(parcel.code, world.as.courier, { body: "도착" })).status).toBe(201);
    const found = { kind: "found", contact: "finder@example.com" };
    expect((await recipientApi.report(parcel.code, { ip: randomIp() }, found)).status).toBe(201);
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await getDb().update(parcels).set({ status: "delivered", deliveredAt: longAgo }).where(eq(parcels.id, parcel.id));
    await purgeExpiredPersonalData(getDb(), { retentionDays: 30 });
    expect((await row(parcel.id)).piiCiphertext).toBeNull();
    expect(await getDb().select().from(messages).where(eq(messages.parcelId, parcel.id))).toEqual([]);
    expect(await contactsOf(parcel.id)).toEqual([null]);
  });

  it("a finder's contact left on a parcel purged before goes at the next run", async () => {
    const parcel = await world.parcel({ status: "delivered" });
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await getDb().update(parcels).set({ deliveredAt: longAgo }).where(eq(parcels.id, parcel.id));
    await purgeExpiredPersonalData(getDb(), { retentionDays: 30 });
    const found = { kind: "found", contact: "late-finder@example.com" };
    expect((await recipientApi.report(parcel.code, { ip: randomIp() }, found)).status).toBe(201);
    expect(await contactsOf(parcel.id)).not.toEqual([null]);
    await purgeExpiredPersonalData(getDb(), { retentionDays: 30 });
    expect(await contactsOf(parcel.id)).toEqual([null]);
  });
});
