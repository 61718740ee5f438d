import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { disclosures, users } from "@/db/schema";
import type { SessionUser } from "@/lib/core/session-user";
import { env } from "@/lib/config/env";
import { databaseProofStore } from "@/lib/parcels/proof-store";
import { loadOwnerPage } from "@/lib/recipient/owner-page";
import { courierApi } from "../support/courier-api";
import { createRecipient } from "../support/fixtures";
import { cameraPhoto, carriesMetadata } from "../support/photos";
import { recipientApi, type As } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

const deps = () => ({ db: getDb(), readDb: getDb(), config: env() });
const recipientUser = (user: { userId: string; phoneHash: string }): SessionUser => ({
  jti: "test",
  userId: user.userId,
  role: "recipient",
  carrierId: null,
  phoneHash: user.phoneHash,
});
const photoViews = async (parcelId: string) =>
  (await getDb().select().from(disclosures).where(eq(disclosures.parcelId, parcelId))).filter((row) =>
    row.fields.includes("proofPhoto"),
  );

describe("proof of delivery, as its owner and the carrier's admins see it", () => {
  let world: RecipientWorld;
  let delivered: { id: string; code: string };
  /** The photo as the server keeps it (re-encoded from the camera's). */
  let photo: Buffer;
  beforeAll(async () => {
    world = await recipientWorld();
    delivered = await world.parcel({ status: "out_for_delivery" });
    const form = new FormData();
    form.set("photo", new File([new Uint8Array(await cameraPhoto())], "door.jpg", { type: "image/jpeg" }));
    const proof = await courierApi.proof(delivered.code, { ...world.as.courier, idempotencyKey: "pod-1", form });
    expect(proof.status).toBe(201);
    photo = (await databaseProofStore(piiKeyRing(env().PII_KEYS)).latest(getDb(), delivered.id))!.bytes;
  });

  it("refuses the photo to a stranger, couriers, API keys, another recipient and another carrier", async () => {
    const refused: [keyof RecipientWorld["as"], number][] = [
      ["stranger", 401],
      ["courier", 403],
      ["otherCourier", 403],
      ["key", 403],
      ["otherRecipient", 404],
      ["otherAdmin", 404],
      ["otherKey", 404],
    ];
    for (const [who, status] of refused) {
      const response = await recipientApi.proofPhoto(delivered.code, world.as[who] as As);
      expect(response.status, who).toBe(status);
      expect(response.headers.get("content-type"), who).toContain("application/json");
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.includes(photo.subarray(4, 64)), who).toBe(false);
    }
    expect(await photoViews(delivered.id)).toHaveLength(0);
  });

  it("serves it to the owner (not logged) and to the carrier's admin (logged), never cached, without EXIF", async () => {
    for (const who of ["owner", "admin"] as const) {
      const response = await recipientApi.proofPhoto(delivered.code, world.as[who]);
      expect(response.status, who).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/jpeg");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const served = Buffer.from(await response.arrayBuffer());
      expect(served.equals(photo), who).toBe(true);
      // The camera's photo carried the door's GPS position; the served one carries no metadata at all.
      expect(await carriesMetadata(served), who).toBe(false);
    }
    const views = await photoViews(delivered.id);
    expect(views.map((row) => [row.viewerRole, row.viewerUserId])).toEqual([["admin", world.admin.userId]]);
  });

  it("answers 404 where no photo was taken, and after the personal data is purged", async () => {
    const without = await world.parcel({ status: "delivered", deliveredAt: new Date() });
    expect((await recipientApi.proofPhoto(without.code, world.as.owner)).status).toBe(404);
    const purgeable = await world.parcel({ status: "out_for_delivery" });
    const form = new FormData();
    form.set("photo", new File([new Uint8Array(await cameraPhoto())], "door.jpg", { type: "image/jpeg" }));
    await courierApi.proof(purgeable.code, { ...world.as.courier, idempotencyKey: "pod-2", form });
    expect((await recipientApi.proofPhoto(purgeable.code, world.as.owner)).status).toBe(200);
    expect((await recipientApi.purge(purgeable.code, world.as.owner)).status).toBe(200);
    expect((await recipientApi.proofPhoto(purgeable.code, world.as.owner)).status).toBe(404);
    expect((await loadOwnerPage(deps(), recipientUser(world.owner), purgeable.code))?.proof.photo).toBe(false);
  });

  it("shows the PIN to the owner alone, and only while the delivery is pending", async () => {
    const parcel = await world.parcel({ status: "out_for_delivery" });
    const [courier] = await getDb().select().from(users).where(eq(users.id, world.courier.userId));
    const assigned = await courierApi.assign(parcel.code, {
      key: world.key.key,
      body: { courierEmail: courier!.email, proof: "pin" },
    });
    expect(assigned.status).toBe(200);
    const page = await loadOwnerPage(deps(), recipientUser(world.owner), parcel.code);
    const pin = page?.proof.pin;
    expect(pin).toMatch(/^\d{4}$/);
    // Another recipient has no owner's page; every other role's view of the parcel carries no PIN.
    const other = await createRecipient();
    expect(await loadOwnerPage(deps(), recipientUser(other), parcel.code)).toBeNull();
    for (const who of [
      "stranger",
      "courier",
      "otherCourier",
      "admin",
      "key",
      "otherAdmin",
      "otherRecipient",
    ] as const) {
      const body = await (await recipientApi.resolve(parcel.code, world.as[who] as As)).text();
      expect(body, who).not.toMatch(/"pin"/i);
    }
    const list = await (await courierApi.list({ cookie: world.as.courier.cookie })).text();
    expect(list).toContain(parcel.code);
    expect(list).not.toMatch(/"pin"\s*:/);
    // Delivered: the PIN has done its work and is no longer shown.
    const form = new FormData();
    form.set("pin", pin!);
    expect((await courierApi.proof(parcel.code, { ...world.as.courier, idempotencyKey: "pin-1", form })).status).toBe(
      201,
    );
    expect((await loadOwnerPage(deps(), recipientUser(world.owner), parcel.code))?.proof.pin).toBeNull();
  });
});
