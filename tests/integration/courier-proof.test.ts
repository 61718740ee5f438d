import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { carriers, disclosures, parcelEvents, parcelProofs, parcels } from "@/db/schema";
import { loadAdminParcel } from "@/lib/admin/parcel-detail";
import type { SessionUser } from "@/lib/core/session-user";
import { env } from "@/lib/config/env";
import { apiErrorMessage } from "@/lib/http/api-error-locale";
import ko from "@/lib/i18n/messages/ko.json";
import { readPin } from "@/lib/parcels/pin";
import { databaseProofStore } from "@/lib/parcels/proof-store";
import { purgeExpiredPersonalData } from "@/lib/parcels/purge";
import { appDeps } from "@/lib/runtime/app-deps";
import { courierApi, sessionCookie } from "../support/courier-api";
import { createApiKey, createCarrier, createParcel, createStaff, meta, parcelInput } from "../support/fixtures";
import { bombPhoto, cameraPhoto, carriesMetadata } from "../support/photos";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

/** Starts like a JPEG (FF D8 FF E0) and is anything but one. */
const jpegLike = (rest: Buffer) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), rest]);

function proofForm(fields: { photo?: Buffer; pin?: string; type?: string }): FormData {
  const form = new FormData();
  if (fields.photo) {
    form.set("photo", new File([new Uint8Array(fields.photo)], "door.jpg", { type: fields.type ?? "image/jpeg" }));
  }
  if (fields.pin !== undefined) form.set("pin", fields.pin);
  return form;
}

const proofsOf = async (parcelId: string) =>
  getDb().select().from(parcelProofs).where(eq(parcelProofs.parcelId, parcelId));
const rowOf = async (parcelId: string) => (await getDb().select().from(parcels).where(eq(parcels.id, parcelId)))[0]!;
const eventCount = async (parcelId: string) =>
  (await getDb().select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId))).length;

describe("proof of delivery", () => {
  let carrierId: string;
  let key: string;
  let courier: Awaited<ReturnType<typeof createStaff>>;
  let cookie: string;
  let admin: SessionUser;
  beforeAll(async () => {
    carrierId = (await createCarrier()).id;
    key = (await createApiKey(carrierId)).key;
    courier = await createStaff("courier", carrierId);
    cookie = await sessionCookie({ userId: courier.userId, role: "courier", carrierId });
    const { userId } = await createStaff("admin", carrierId);
    admin = { jti: "test", userId, role: "admin", carrierId, phoneHash: null };
  });
  const outForDelivery = () =>
    createParcel(carrierId, parcelInput(), { status: "out_for_delivery", courierId: courier.userId });
  const prove = (code: string, idempotencyKey: string, fields: Parameters<typeof proofForm>[0]) =>
    courierApi.proof(code, { cookie, idempotencyKey, form: proofForm(fields) });

  it("stores the photo encrypted with the Delivered event, once per Idempotency-Key", async () => {
    const parcel = await outForDelivery();
    const photo = await cameraPhoto();
    const first = await prove(parcel.code, "deliver-1", { photo });
    expect(first.status).toBe(201);
    const again = await prove(parcel.code, "deliver-1", { photo });
    expect(await again.text()).toBe(await first.text());
    const [stored, ...more] = await proofsOf(parcel.id);
    expect(more).toHaveLength(0);
    const read = await databaseProofStore(piiKeyRing(env().PII_KEYS)).latest(getDb(), parcel.id);
    expect(read?.contentType).toBe("image/jpeg");
    expect(stored!.size).toBe(read!.bytes.length);
    expect(stored!.ciphertext.includes(read!.bytes.subarray(4, 64))).toBe(false);
    expect((await rowOf(parcel.id)).status).toBe("delivered");
  });

  it("re-encodes every photo: no EXIF (the door's GPS, the phone, the time), at most 1600 px, about 300 KB", async () => {
    const parcel = await outForDelivery();
    const photo = await cameraPhoto({ width: 2400, height: 1800 });
    expect(await carriesMetadata(photo)).toBe(true);
    expect(photo.length).toBeGreaterThan(1_000_000);
    expect((await prove(parcel.code, "camera", { photo })).status).toBe(201);
    const read = (await databaseProofStore(piiKeyRing(env().PII_KEYS)).latest(getDb(), parcel.id))!;
    expect(await carriesMetadata(read.bytes)).toBe(false);
    const { format, width, height } = await sharp(read.bytes).metadata();
    expect([format, width, height]).toEqual(["jpeg", 1600, 1200]);
    expect(read.bytes.length).toBeLessThanOrEqual(300 * 1024);

    // A phone held upright writes its pixels sideways and says so in EXIF: the pixels are turned instead.
    const upright = await outForDelivery();
    const sideways = await sharp(await cameraPhoto())
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await prove(upright.code, "sideways", { photo: sideways })).status).toBe(201);
    const turned = (await databaseProofStore(piiKeyRing(env().PII_KEYS)).latest(getDb(), upright.id))!;
    const turnedMeta = await sharp(turned.bytes).metadata();
    expect([turnedMeta.width, turnedMeta.height, turnedMeta.orientation]).toEqual([480, 640, undefined]);
  });

  it("answers bad input with a clear 4xx and stores nothing", async () => {
    const parcel = await outForDelivery();
    const cases: [string, Parameters<typeof proofForm>[0], number, string][] = [
      ["not an image", { photo: Buffer.from("<svg onload=alert(1)>"), type: "image/jpeg" }, 400, "photo"],
      ["a PNG", { photo: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]) }, 400, "photo"],
      ["four bytes", { photo: Buffer.from([0xff, 0xd8, 0xff, 0x00]) }, 400, "photo"],
      ["HTML behind a JPEG marker", { photo: jpegLike(Buffer.from("<html><script>alert(1)</script>")) }, 400, "photo"],
      ["a cut-off JPEG", { photo: (await cameraPhoto()).subarray(0, 4000) }, 400, "photo"],
      ["20 MB", { photo: jpegLike(randomBytes(20 * 1024 * 1024)) }, 413, "body_too_large"],
      ["PIN of letters", { pin: "abcd" }, 400, "pin"],
      ["PIN too long", { pin: "12345" }, 400, "pin"],
      ["nothing at all", {}, 400, "photo"],
    ];
    for (const [i, [label, fields, status, what]] of cases.entries()) {
      const response = await prove(parcel.code, `bad-${i}`, fields);
      const { error } = await response.json();
      expect(response.status, label).toBe(status);
      // The answer names what is wrong: the field, or the code for a body refused as a whole.
      expect(error.fields ? Object.keys(error.fields) : [error.code], label).toEqual([what]);
      // Each refusal has its own sentence in Korean, not the general "something failed".
      expect(apiErrorMessage("ko", error), label).not.toBe(ko.apiErrors.failed);
    }
    // 65500×65500 pixels declared: refused from the header, before any decoding.
    const bomb = await prove(parcel.code, "bomb", { photo: await bombPhoto() });
    expect(bomb.status).toBe(400);
    const { error } = await bomb.json();
    expect(error).toMatchObject({ code: "photo_too_large", fields: { photo: ["must be at most 50 megapixels"] } });
    expect(apiErrorMessage("ko", error)).toBe(ko.apiErrors.photo_too_large);
    const json = await courierApi.proof(parcel.code, { cookie, idempotencyKey: "json", body: { pin: "1234" } });
    expect(json.status).toBe(415);
    expect(await proofsOf(parcel.id)).toHaveLength(0);
    expect(await eventCount(parcel.id)).toBe(0);
    expect((await rowOf(parcel.id)).status).toBe("out_for_delivery");
  });

  it("refuses a parcel assigned to someone else (409) and one of another carrier (404), storing nothing", async () => {
    const rival = await createStaff("courier", carrierId);
    const theirs = await createParcel(carrierId, parcelInput(), {
      status: "out_for_delivery",
      courierId: rival.userId,
    });
    expect((await prove(theirs.code, "theirs", { photo: await cameraPhoto() })).status).toBe(409);
    const foreign = await createParcel((await createCarrier()).id, parcelInput(), { status: "out_for_delivery" });
    expect((await prove(foreign.code, "foreign", { photo: await cameraPhoto() })).status).toBe(404);
    expect([...(await proofsOf(theirs.id)), ...(await proofsOf(foreign.id))]).toHaveLength(0);
  });

  it("checks the PIN, locks it after five wrong tries, and then takes a photo instead", async () => {
    const parcel = await createParcel(carrierId, parcelInput(), { status: "out_for_delivery" });
    const assigned = await courierApi.assign(parcel.code, {
      key,
      body: { courierEmail: null, proof: "pin" },
    });
    expect(assigned.status).toBe(200);
    await getDb().update(parcels).set({ courierId: courier.userId }).where(eq(parcels.id, parcel.id));
    const pin = readPin(piiKeyRing(env().PII_KEYS), await rowOf(parcel.id))!;
    expect(pin).toMatch(/^\d{4}$/);
    const wrong = String((Number(pin) + 1) % 10_000).padStart(4, "0");
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await prove(parcel.code, `wrong-${attempt}`, { pin: wrong });
      expect(response.status).toBe(422);
      expect((await response.json()).error.attemptsLeft).toBe(5 - attempt);
    }
    expect((await prove(parcel.code, "wrong-5", { pin: wrong })).status).toBe(423);
    // Locked: even the right PIN no longer opens it.
    expect((await prove(parcel.code, "right-late", { pin })).status).toBe(423);
    expect((await rowOf(parcel.id)).status).toBe("out_for_delivery");
    const list = await (await courierApi.list({ cookie })).json();
    expect(list.parcels.find((p: { code: string }) => p.code === parcel.code)).toMatchObject({ pinLocked: true });
    // The photo that stands in for the PIN has to be one: four bytes that start like a JPEG are not.
    const junk = await prove(parcel.code, "junk-instead", { photo: Buffer.from([0xff, 0xd8, 0xff, 0x00]) });
    expect(junk.status).toBe(400);
    expect((await rowOf(parcel.id)).status).toBe("out_for_delivery");
    expect(await loadAdminParcel(appDeps(), admin, parcel.code, meta())).toMatchObject({ pinLocked: true });
    expect((await prove(parcel.code, "photo-instead", { photo: await cameraPhoto() })).status).toBe(201);
  });

  it("delivers with the right PIN", async () => {
    await getDb().update(carriers).set({ proofDefault: "both" }).where(eq(carriers.id, carrierId));
    try {
      const parcel = await createParcel(carrierId, parcelInput(), { status: "out_for_delivery" });
      await courierApi.assign(parcel.code, { key, body: { courierEmail: null } });
      await getDb().update(parcels).set({ courierId: courier.userId }).where(eq(parcels.id, parcel.id));
      const pin = readPin(piiKeyRing(env().PII_KEYS), await rowOf(parcel.id))!;
      expect((await prove(parcel.code, "pin-only", { pin })).status).toBe(400); // both: the photo is missing
      const response = await prove(parcel.code, "both", { pin, photo: await cameraPhoto() });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ status: "delivered", proof: { photo: true, pin: true } });
    } finally {
      await getDb().update(carriers).set({ proofDefault: "none" }).where(eq(carriers.id, carrierId));
    }
  });

  it("purges photos and the PIN with the rest of the personal data", async () => {
    const parcel = await outForDelivery();
    // A PIN as an assignment would have drawn it (its value does not matter to the purge).
    await getDb()
      .update(parcels)
      .set({ pinKeyId: "k", pinCiphertext: Buffer.from("pin") })
      .where(eq(parcels.id, parcel.id));
    expect((await prove(parcel.code, "to-purge", { photo: await cameraPhoto() })).status).toBe(201);
    const later = new Date(Date.now() + 40 * 86_400_000);
    await purgeExpiredPersonalData(getDb(), { retentionDays: 30, now: later });
    expect(await proofsOf(parcel.id)).toHaveLength(0);
    expect(await rowOf(parcel.id)).toMatchObject({ pinCiphertext: null, pinKeyId: null, piiCiphertext: null });
  });
});

describe("reveal address", () => {
  it("returns the address to the assigned courier while active, one disclosure per reveal; nobody else", async () => {
    const carrierId = (await createCarrier()).id;
    const courier = await createStaff("courier", carrierId);
    const cookie = await sessionCookie({ userId: courier.userId, role: "courier", carrierId });
    const parcel = await createParcel(carrierId, parcelInput(), { status: "in_transit", courierId: courier.userId });
    const count = async () =>
      (await getDb().select().from(disclosures).where(eq(disclosures.parcelId, parcel.id))).length;
    const response = await courierApi.reveal(parcel.code, { cookie });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      code: parcel.code,
      address: "경기도 의정부시 오목로 150",
      addressDetail: "211동 1203호",
      postalCode: "11657",
      memo: "문 앞에 놓아 주세요",
    });
    expect(JSON.stringify(body)).not.toContain("홍길동");
    expect(response.headers.get("cache-control")).toBe("no-store");
    await courierApi.reveal(parcel.code, { cookie });
    expect(await count()).toBe(2);
    const [row] = await getDb().select().from(disclosures).where(eq(disclosures.parcelId, parcel.id)).limit(1);
    expect(row).toMatchObject({ viewerUserId: courier.userId, viewerRole: "courier" });
    expect(row!.fields).toEqual(["address", "addressDetail", "postalCode", "memo"]);

    const rival = await createStaff("courier", carrierId);
    const rivalCookie = await sessionCookie({ userId: rival.userId, role: "courier", carrierId });
    expect((await courierApi.reveal(parcel.code, { cookie: rivalCookie })).status).toBe(403);
    await getDb()
      .update(parcels)
      .set({ status: "delivered", deliveredAt: new Date() })
      .where(eq(parcels.id, parcel.id));
    expect((await courierApi.reveal(parcel.code, { cookie })).status).toBe(403);
    expect(await count()).toBe(2);
  });
});
