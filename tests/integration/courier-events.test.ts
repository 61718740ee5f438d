import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { carriers, idempotencyKeys, parcelEvents, parcels, users } from "@/db/schema";
import { courierApi, sessionCookie } from "../support/courier-api";
import { createCarrier, createParcel, createStaff, parcelInput, uniquePhone } from "../support/fixtures";

const eventsOf = async (parcelId: string) =>
  getDb().select().from(parcelEvents).where(eq(parcelEvents.parcelId, parcelId)).orderBy(asc(parcelEvents.id));
const statusOf = async (parcelId: string) =>
  (await getDb().select({ status: parcels.status }).from(parcels).where(eq(parcels.id, parcelId)))[0]!.status;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const hoursAgo = (hours: number) => minutesAgo(hours * 60);

describe("courier status events", () => {
  let carrierId: string;
  let courier: Awaited<ReturnType<typeof createStaff>>;
  let cookie: string;
  beforeAll(async () => {
    carrierId = (await createCarrier()).id;
    courier = await createStaff("courier", carrierId);
    await getDb().update(users).set({ displayName: "김배송" }).where(eq(users.id, courier.userId));
    cookie = await sessionCookie({ userId: courier.userId, role: "courier", carrierId });
  });
  // Registered two hours ago, so a tap's device time can lie well in the past and still follow it.
  const mine = (status: "registered" | "picked_up" | "out_for_delivery" = "registered") =>
    createParcel(carrierId, parcelInput(), { status, courierId: courier.userId, createdAt: new Date(hoursAgo(2)) });
  const send = (code: string, idempotencyKey: string, body: unknown) =>
    courierApi.event(code, { cookie, idempotencyKey, body });

  it("records one event for 50 concurrent requests with one Idempotency-Key, and gives 50 identical answers", async () => {
    const parcel = await mine();
    const body = { status: "picked_up", at: minutesAgo(1) };
    const responses = await Promise.all(Array.from({ length: 50 }, () => send(parcel.code, "one-tap", body)));
    const answers = await Promise.all(responses.map(async (r) => `${r.status} ${await r.text()}`));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^201 /);
    expect(await eventsOf(parcel.id)).toHaveLength(1);
  });

  it("sends a queued update only with its owner's session: another courier's answers 401 and records nothing", async () => {
    const parcel = await mine();
    const other = await createStaff("courier", carrierId);
    const otherCookie = await sessionCookie({ userId: other.userId, role: "courier", carrierId });
    expect(await (await courierApi.me({ cookie })).json()).toEqual({ userId: courier.userId });
    expect(await (await courierApi.me({ cookie: otherCookie })).json()).toEqual({ userId: other.userId });

    const tap = { idempotencyKey: "queued-tap", owner: courier.userId, body: { status: "picked_up" } };
    const refused = await courierApi.event(parcel.code, { ...tap, cookie: otherCookie });
    expect(refused.status).toBe(401);
    expect(await eventsOf(parcel.id)).toEqual([]);
    expect((await courierApi.event(parcel.code, { ...tap, cookie })).status).toBe(201);
    expect((await eventsOf(parcel.id)).map((e) => [e.status, e.actorUserId])).toEqual([["picked_up", courier.userId]]);
  });

  it("keeps a late upload in the timeline without moving the status backwards", async () => {
    const parcel = await mine("registered");
    expect((await send(parcel.code, "a", { status: "picked_up", at: minutesAgo(30) })).status).toBe(201);
    expect((await send(parcel.code, "b", { status: "in_transit", at: minutesAgo(10) })).status).toBe(201);
    expect((await send(parcel.code, "c", { status: "out_for_delivery", at: minutesAgo(5) })).status).toBe(201);
    // A second tab's tap from 20 minutes ago arrives last: in_transit was valid then, so it is kept as history.
    const late = await send(parcel.code, "d", { status: "in_transit", at: minutesAgo(20), place: "허브" });
    expect(late.status).toBe(201);
    expect(await late.json()).toMatchObject({ status: "out_for_delivery", event: "in_transit", applied: false });
    expect(await statusOf(parcel.id)).toBe("out_for_delivery");
    const events = await eventsOf(parcel.id);
    expect(events.map((e) => [e.status, e.applied])).toEqual([
      ["picked_up", true],
      ["in_transit", true],
      ["out_for_delivery", true],
      ["in_transit", false],
    ]);
    // Device time and server time both kept.
    expect(events[3]!.recordedAt.getTime()).toBeGreaterThan(events[3]!.occurredAt.getTime());
    // A late step that was never possible at its time is still refused.
    expect((await send(parcel.code, "e", { status: "delivered", at: minutesAgo(25) })).status).toBe(409);
  });

  it("shows who and where in the timeline of a full view: role and display name, never a phone", async () => {
    const phone = uniquePhone();
    const parcel = await createParcel(carrierId, parcelInput(phone), {
      status: "registered",
      courierId: courier.userId,
    });
    await send(parcel.code, "t1", { status: "picked_up", place: "의정부 허브" });
    const view = await (await courierApi.resolve(parcel.code, { cookie })).json();
    const step = view.timeline.find((entry: { status: string }) => entry.status === "picked_up");
    expect(step).toMatchObject({ place: "의정부 허브", applied: true, by: { role: "courier", name: "김배송" } });
    expect(JSON.stringify(view.timeline)).not.toContain(phone.slice(-4));
  });

  it("takes a failed attempt only with a known reason, and other only with a note", async () => {
    const parcel = await mine("out_for_delivery");
    for (const [key, body] of [
      ["r1", { status: "failed_attempt", reason: "dog ate it" }],
      ["r2", { status: "failed_attempt", reason: "other" }],
      ["r3", { status: "failed_attempt" }],
    ] as const) {
      expect((await send(parcel.code, key, body)).status).toBe(400);
    }
    expect(await eventsOf(parcel.id)).toHaveLength(0);
    const other = { status: "failed_attempt", reason: "other", note: "공사 중이라 들어갈 수 없음" };
    expect((await send(parcel.code, "r4", other)).status).toBe(201);
    expect((await eventsOf(parcel.id))[0]).toMatchObject({ reason: "other", note: other.note });
  });

  it("answers 409 for a parcel assigned to someone else, and stores nothing", async () => {
    const rival = await createStaff("courier", carrierId);
    const parcel = await createParcel(carrierId, parcelInput(), { status: "picked_up", courierId: rival.userId });
    const response = await send(parcel.code, "theirs", { status: "in_transit" });
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("not_assigned");
    expect(await eventsOf(parcel.id)).toHaveLength(0);
    const remembered = await getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "theirs"));
    expect(remembered).toHaveLength(0);
  });

  it("takes an offline courier's tap from an hour ago, after the registration", async () => {
    const parcel = await mine("registered");
    const response = await send(parcel.code, "offline-hour", {
      status: "picked_up",
      at: minutesAgo(60),
      place: "허브",
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ status: "picked_up", applied: true });
  });

  it("refuses a device time before the parcel was registered, naming at, and stores nothing", async () => {
    const parcel = await mine("registered");
    const response = await send(parcel.code, "before-registration", { status: "picked_up", at: hoursAgo(3) });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).error.fields)).toEqual(["at"]);
    expect(await eventsOf(parcel.id)).toHaveLength(0);
  });

  it("refuses any courier event on a delivered or returned parcel with 409 parcel_final, backdated or not", async () => {
    for (const final of ["delivered", "returned"] as const) {
      const parcel = await mine("out_for_delivery");
      expect((await send(parcel.code, `${final}-end`, { status: final })).status).toBe(201);
      // Back-dated to before any event: judged against that time's status, it would pass as history.
      for (const [key, body] of [
        [`${final}-backdated`, { status: "picked_up", at: minutesAgo(90), place: "가짜 허브" }],
        [`${final}-now`, { status: "picked_up", place: "가짜 허브" }],
      ] as const) {
        const response = await send(parcel.code, key, body);
        expect(response.status, key).toBe(409);
        expect((await response.json()).error.code).toBe("parcel_final");
      }
      expect((await eventsOf(parcel.id)).map((event) => event.status)).toEqual([final]);
      expect(await statusOf(parcel.id)).toBe(final);
    }
  });

  it("refuses Delivered without proof when the carrier asks for one", async () => {
    await getDb().update(carriers).set({ proofDefault: "photo" }).where(eq(carriers.id, carrierId));
    try {
      const parcel = await mine("out_for_delivery");
      const response = await send(parcel.code, "no-proof", { status: "delivered" });
      expect(response.status).toBe(409);
      expect((await response.json()).error).toMatchObject({ code: "proof_required", proof: "photo" });
      expect(await statusOf(parcel.id)).toBe("out_for_delivery");
    } finally {
      await getDb().update(carriers).set({ proofDefault: "none" }).where(eq(carriers.id, carrierId));
    }
  });
});
