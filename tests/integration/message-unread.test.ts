import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { messageReads, users } from "@/db/schema";
import { courierApi } from "../support/courier-api";
import { createStaff } from "../support/fixtures";
import { cookieFor, recipientApi, type As } from "../support/recipient-api";
import { recipientWorld } from "../support/recipient-world";

type Listed = { code: string; unreadMessages: number };

async function unreadOf(code: string, as: As): Promise<number | undefined> {
  const response = await courierApi.list(as);
  expect(response.status).toBe(200);
  const { parcels } = (await response.json()) as { parcels: Listed[] };
  return parcels.find((parcel) => parcel.code === code)?.unreadMessages;
}

async function send(code: string, as: As, body: string) {
  expect((await recipientApi.send(code, as, { body })).status).toBe(201);
}

describe("unread messages on the courier's list", () => {
  it("counts the recipient's messages until the courier reads the thread, not the courier's own", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    const quiet = await world.parcel({ status: "out_for_delivery" });
    expect(await unreadOf(parcel.code, world.as.courier)).toBe(0);

    await send(parcel.code, world.as.owner, "경비실에 맡겨 주세요");
    await send(parcel.code, world.as.owner, "감사합니다");
    await send(parcel.code, world.as.courier, "네 알겠습니다");
    expect(await unreadOf(parcel.code, world.as.courier)).toBe(2);
    expect(await unreadOf(quiet.code, world.as.courier)).toBe(0);

    expect((await recipientApi.messages(parcel.code, world.as.courier)).status).toBe(200);
    expect(await unreadOf(parcel.code, world.as.courier)).toBe(0);

    await send(parcel.code, world.as.owner, "한 가지 더요");
    expect(await unreadOf(parcel.code, world.as.courier)).toBe(1);
  });

  it("shows another courier nothing: not the parcel, not its count, and their reads change nothing", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    await send(parcel.code, world.as.owner, "문 앞에 두세요");
    const other = await createStaff("courier", world.carrier.id);
    const otherAs = { cookie: await cookieFor(other) };

    expect(await unreadOf(parcel.code, otherAs)).toBeUndefined();
    const scanned = await courierApi.scan(parcel.code, otherAs);
    expect(scanned.status).toBe(200);
    expect((await scanned.json()).unreadMessages).toBe(0);
    expect((await recipientApi.messages(parcel.code, otherAs)).status).toBe(404);
    const reads = await getDb().select().from(messageReads).where(eq(messageReads.userId, other.userId));
    expect(reads).toEqual([]);
    expect(await unreadOf(parcel.code, world.as.courier)).toBe(1);
  });

  it("does not count what the recipient wrote before the courier's assignment", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    await send(parcel.code, world.as.owner, "공동현관 1234#");
    await send(parcel.code, world.as.owner, "앞 기사님께만");

    const next = await createStaff("courier", world.carrier.id);
    const [row] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, next.userId));
    const assigned = await courierApi.assign(parcel.code, { key: world.key.key, body: { courierEmail: row!.email } });
    expect(assigned.status).toBe(200);
    const nextAs = { cookie: await cookieFor(next) };
    expect(await unreadOf(parcel.code, nextAs)).toBe(0);

    await send(parcel.code, world.as.owner, "새 기사님 안녕하세요");
    expect(await unreadOf(parcel.code, nextAs)).toBe(1);
  });

  it("leaves no read marks behind when the parcel's data is purged", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    await send(parcel.code, world.as.courier, "도착했어요");
    expect((await recipientApi.messages(parcel.code, world.as.owner)).status).toBe(200);
    const reads = () => getDb().select().from(messageReads).where(eq(messageReads.parcelId, parcel.id));
    expect(await reads()).toHaveLength(1);
    const delivered = await courierApi.event(parcel.code, {
      key: world.key.key,
      idempotencyKey: `deliver-${parcel.code}`,
      body: { status: "delivered" },
    });
    expect(delivered.status).toBe(201);
    expect((await recipientApi.purge(parcel.code, world.as.owner)).status).toBe(200);
    expect(await reads()).toEqual([]);
  });
});

describe("unread messages on the recipient's list", () => {
  it("counts the courier's messages until the owner reads the thread", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    const unread = async () => {
      const response = await recipientApi.myParcels(world.as.owner);
      expect(response.status).toBe(200);
      const { parcels } = (await response.json()) as { parcels: Listed[] };
      return parcels.find((listed) => listed.code === parcel.code)?.unreadMessages;
    };
    expect(await unread()).toBe(0);
    await send(parcel.code, world.as.courier, "10분 뒤 도착해요");
    await send(parcel.code, world.as.courier, "문 앞이에요");
    await send(parcel.code, world.as.owner, "네");
    expect(await unread()).toBe(2);
    expect((await recipientApi.messages(parcel.code, world.as.owner)).status).toBe(200);
    expect(await unread()).toBe(0);
  });
});
