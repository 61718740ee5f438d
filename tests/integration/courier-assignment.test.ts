import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { carriers, parcels, users } from "@/db/schema";
import { courierApi, sessionCookie } from "../support/courier-api";
import { createApiKey, createCarrier, createParcel, createStaff } from "../support/fixtures";

const emailOf = async (userId: string) =>
  (await getDb().select({ email: users.email }).from(users).where(eq(users.id, userId)))[0]!.email!;
const courierOf = async (code: string) =>
  (await getDb().select({ id: parcels.courierId }).from(parcels).where(eq(parcels.code, code)))[0]!.id;

describe("assignment", () => {
  let carrierId: string;
  let key: string;
  let courier: Awaited<ReturnType<typeof createStaff>>;
  let courierCookie: string;
  let courierEmail: string;
  beforeAll(async () => {
    carrierId = (await createCarrier()).id;
    key = (await createApiKey(carrierId)).key;
    courier = await createStaff("courier", carrierId);
    courierCookie = await sessionCookie({ userId: courier.userId, role: "courier", carrierId });
    courierEmail = await emailOf(courier.userId);
  });

  it("assigns by email with the carrier's API key; the courier's list and scan show it with its next steps", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "registered" });
    const response = await courierApi.assign(parcel.code, { key, body: { courierEmail: courierEmail.toUpperCase() } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ code: parcel.code, courierEmail, proof: "none" });
    const list = await (await courierApi.list({ cookie: courierCookie })).json();
    const item = list.parcels.find((p: { code: string }) => p.code === parcel.code);
    expect(item).toEqual({
      code: parcel.code,
      status: "registered",
      maskedAddress: "경기도 의정부시 오목로 ***",
      itemName: "무선 이어폰",
      next: ["picked_up"],
      proof: "none",
      pinLocked: false,
      unreadMessages: 0,
    });
    // The list never carries the recipient's data in clear.
    expect(JSON.stringify(list)).not.toMatch(/홍길동|010-|150|1203호/);
    const scan = await (await courierApi.scan(parcel.code, { cookie: courierCookie })).json();
    expect(scan).toMatchObject({ assigned: true, claimable: false, next: ["picked_up"] });
  });

  it("refuses a courier of another carrier like an unknown one, and changes nothing", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "registered" });
    const stranger = await createStaff("courier", (await createCarrier()).id);
    for (const email of [await emailOf(stranger.userId), "nobody@test.local"]) {
      const response = await courierApi.assign(parcel.code, { key, body: { courierEmail: email } });
      expect(response.status).toBe(422);
      expect((await response.json()).error.fields.courierEmail).toBeDefined();
    }
    expect(await courierOf(parcel.code)).toBeNull();
  });

  it("takes an admin session of the parcel's carrier; another carrier's admin, a courier and bad bodies are refused", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "registered" });
    const admin = await createStaff("admin", carrierId);
    const adminCookie = await sessionCookie({ userId: admin.userId, role: "admin", carrierId });
    expect((await courierApi.assign(parcel.code, { cookie: adminCookie, body: { courierEmail } })).status).toBe(200);
    const otherCarrier = (await createCarrier()).id;
    const otherAdmin = await createStaff("admin", otherCarrier);
    const otherCookie = await sessionCookie({ userId: otherAdmin.userId, role: "admin", carrierId: otherCarrier });
    const body = { courierEmail: null };
    expect((await courierApi.assign(parcel.code, { cookie: otherCookie, body })).status).toBe(404);
    expect((await courierApi.assign(parcel.code, { cookie: courierCookie, body })).status).toBe(403);
    expect((await courierApi.assign(parcel.code, { key, body: { courierEmail: 42 } })).status).toBe(400);
    expect((await courierApi.assign(parcel.code, { key, body: { courierEmail, extra: 1 } })).status).toBe(400);
    expect(await courierOf(parcel.code)).toBe(courier.userId);
  });

  it("unassigning takes effect at once: the next request sees the masked view and no actions", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "picked_up" });
    await courierApi.assign(parcel.code, { key, body: { courierEmail } });
    // A full view first, so the parcel's snapshot is in Redis when the assignment changes.
    const before = await (await courierApi.resolve(parcel.code, { cookie: courierCookie })).json();
    expect(before.visibility).toBe("full");
    expect((await courierApi.assign(parcel.code, { key, body: { courierEmail: null } })).status).toBe(200);
    const after = await (await courierApi.resolve(parcel.code, { cookie: courierCookie })).json();
    expect(after.visibility).toBe("masked");
    const scan = await (await courierApi.scan(parcel.code, { cookie: courierCookie })).json();
    expect(scan).toMatchObject({ assigned: false, next: [] });
    const list = await (await courierApi.list({ cookie: courierCookie })).json();
    expect(list.parcels.map((p: { code: string }) => p.code)).not.toContain(parcel.code);
    const event = await courierApi.event(parcel.code, {
      cookie: courierCookie,
      idempotencyKey: "after-unassign",
      body: { status: "in_transit" },
    });
    expect(event.status).toBe(409);
    expect((await event.json()).error.code).toBe("not_assigned");
  });

  it("refuses to assign a parcel whose delivery has ended", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "delivered", deliveredAt: new Date() });
    expect((await courierApi.assign(parcel.code, { key, body: { courierEmail } })).status).toBe(409);
  });

  it("lets a courier claim an unassigned parcel by scanning only when the carrier allows it", async () => {
    const parcel = await createParcel(carrierId, undefined, { status: "registered" });
    const off = await courierApi.claim(parcel.code, { cookie: courierCookie });
    expect(off.status).toBe(403);
    expect(await courierOf(parcel.code)).toBeNull();
    await getDb().update(carriers).set({ selfClaim: true }).where(eq(carriers.id, carrierId));
    try {
      const scan = await (await courierApi.scan(parcel.code, { cookie: courierCookie })).json();
      expect(scan).toMatchObject({ assigned: false, claimable: true, next: [] });
      expect((await courierApi.claim(parcel.code, { cookie: courierCookie })).status).toBe(200);
      expect(await courierOf(parcel.code)).toBe(courier.userId);
      const rival = await createStaff("courier", carrierId);
      const rivalCookie = await sessionCookie({ userId: rival.userId, role: "courier", carrierId });
      expect((await courierApi.claim(parcel.code, { cookie: rivalCookie })).status).toBe(409);
      expect(await courierOf(parcel.code)).toBe(courier.userId);
    } finally {
      await getDb().update(carriers).set({ selfClaim: false }).where(eq(carriers.id, carrierId));
    }
  });

  it("answers an API key on courier routes with 403 and a missing session with 401", async () => {
    expect((await courierApi.list({ key })).status).toBe(403);
    expect((await courierApi.list({})).status).toBe(401);
  });
});
