import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { messages, parcels, users } from "@/db/schema";
import { api } from "../support/api";
import { courierApi } from "../support/courier-api";
import { env } from "@/lib/config/env";
import { localizeApiError } from "@/lib/http/api-error-locale";
import { appendMessage } from "@/lib/messages/thread";
import ko from "@/lib/i18n/messages/ko.json";
import { createStaff } from "../support/fixtures";
import { HOSTILE_TEXT } from "../support/hostile-text";
import { cookieFor, recipientApi } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";

const stored = (parcelId: string) => getDb().select().from(messages).where(eq(messages.parcelId, parcelId));

describe("messages between the assigned courier and the owner", () => {
  let world: RecipientWorld;
  let parcel: { id: string; code: string };
  beforeAll(async () => {
    world = await recipientWorld();
    parcel = await world.parcel({ status: "out_for_delivery" });
  });

  it("round-trips courier ↔ owner, stored encrypted, with no phone number anywhere", async () => {
    const sent = await recipientApi.send(parcel.code, world.as.courier, { body: "문 앞에 도착했어요" });
    expect(sent.status).toBe(201);
    expect((await recipientApi.send(parcel.code, world.as.owner, { body: "경비실에 맡겨 주세요" })).status).toBe(201);
    for (const [as, mine] of [
      [world.as.owner, [false, true]],
      [world.as.courier, [true, false]],
    ] as const) {
      const response = await recipientApi.messages(parcel.code, as);
      expect(response.status).toBe(200);
      const thread = await response.json();
      expect(thread.open).toBe(true);
      expect(thread.messages.map((m: { body: string }) => m.body)).toEqual([
        "문 앞에 도착했어요",
        "경비실에 맡겨 주세요",
      ]);
      expect(thread.messages.map((m: { mine: boolean }) => m.mine)).toEqual(mine);
      expect(thread.messages.map((m: { from: string }) => m.from)).toEqual(["courier", "recipient"]);
      expect(JSON.stringify(thread)).not.toContain(world.phone);
    }
    const rows = await stored(parcel.id);
    expect(rows.map((row) => row.bodyCiphertext.toString("utf8")).join()).not.toContain("경비실");
  });

  it("is unreadable and unwritable by everyone else", async () => {
    const sameCarrierAdmin = { cookie: await cookieFor(await createStaff("admin", world.carrier.id)) };
    const outsiders = [
      world.as.otherRecipient,
      world.as.otherCourier,
      world.as.admin,
      sameCarrierAdmin,
      world.as.otherAdmin,
      world.as.key,
      world.as.otherKey,
    ];
    expect((await recipientApi.messages(parcel.code, world.as.stranger)).status).toBe(401);
    expect((await recipientApi.send(parcel.code, world.as.stranger, { body: "hi" })).status).toBe(401);
    const before = (await stored(parcel.id)).length;
    for (const as of outsiders) {
      const read = await recipientApi.messages(parcel.code, as);
      expect([403, 404]).toContain(read.status);
      expect(await read.text()).not.toContain("경비실");
      expect([403, 404]).toContain((await recipientApi.send(parcel.code, as, { body: "hi" })).status);
    }
    expect(await stored(parcel.id)).toHaveLength(before);
  });

  it("refuses bad input with the field named", async () => {
    for (const body of [{ body: "" }, { body: "x".repeat(501) }, { body: "a\u0007b" }, { text: "hi" }]) {
      const response = await recipientApi.send(parcel.code, world.as.owner, body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.fields).toBeDefined();
    }
  });

  it("refuses invisible, direction-changing and filler-only bodies from either side, naming the field", async () => {
    const before = (await stored(parcel.id)).length;
    for (const as of [world.as.owner, world.as.courier]) {
      for (const [what, value] of Object.entries(HOSTILE_TEXT)) {
        const response = await recipientApi.send(parcel.code, as, { body: value });
        expect(response.status, what).toBe(400);
        const korean = await (await localizeApiError(response, "ko")).json();
        expect(Object.keys(korean.error.fields), what).toEqual(["body"]);
        expect(korean.error.message).toBe(ko.apiErrors.invalid_input_body);
      }
    }
    expect(await stored(parcel.id)).toHaveLength(before);
  });

  it("closes when the delivery ends: sending refused, the courier loses the thread, the owner keeps it until purge", async () => {
    const delivered = await api.event(parcel.code, {
      key: world.key.key,
      idempotencyKey: `deliver-${parcel.code}`,
      body: { status: "delivered" },
    });
    expect(delivered.status).toBe(201);
    const before = (await stored(parcel.id)).length;
    expect((await recipientApi.send(parcel.code, world.as.owner, { body: "고마워요" })).status).toBe(409);
    expect((await recipientApi.send(parcel.code, world.as.courier, { body: "감사합니다" })).status).toBe(404);
    expect((await recipientApi.messages(parcel.code, world.as.courier)).status).toBe(404);
    expect(await stored(parcel.id)).toHaveLength(before);
    const thread = await (await recipientApi.messages(parcel.code, world.as.owner)).json();
    expect(thread.open).toBe(false);
    expect(thread.messages).toHaveLength(2);

    expect((await recipientApi.purge(parcel.code, world.as.owner)).status).toBe(200);
    expect(await stored(parcel.id)).toHaveLength(0);
    const [row] = await getDb().select().from(parcels).where(eq(parcels.id, parcel.id));
    expect(row!.piiCiphertext).toBeNull();
    expect((await recipientApi.messages(parcel.code, world.as.owner)).status).toBe(404);
  });
});

describe("a thread across a reassignment", () => {
  const bodies = async (response: Response) =>
    ((await response.json()).messages as { body: string }[]).map((message) => message.body);

  it("shows a new courier only the messages since their assignment; the owner keeps the whole thread", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    expect(
      (await recipientApi.send(parcel.code, world.as.courier, { body: "공동현관 비밀번호 알려주세요" })).status,
    ).toBe(201);
    expect((await recipientApi.send(parcel.code, world.as.owner, { body: "1234#이에요" })).status).toBe(201);

    const next = await createStaff("courier", world.carrier.id);
    const [row] = await getDb().select({ email: users.email }).from(users).where(eq(users.id, next.userId));
    const reassigned = await courierApi.assign(parcel.code, { key: world.key.key, body: { courierEmail: row!.email } });
    expect(reassigned.status).toBe(200);
    const nextCourier = { cookie: await cookieFor(next) };

    const first = await recipientApi.messages(parcel.code, nextCourier);
    expect(first.status).toBe(200);
    expect(await bodies(first)).toEqual([]);
    expect((await recipientApi.send(parcel.code, nextCourier, { body: "새 기사입니다" })).status).toBe(201);
    expect((await recipientApi.send(parcel.code, world.as.owner, { body: "반가워요" })).status).toBe(201);
    expect(await bodies(await recipientApi.messages(parcel.code, nextCourier))).toEqual(["새 기사입니다", "반가워요"]);
    expect(await bodies(await recipientApi.messages(parcel.code, world.as.owner))).toEqual([
      "공동현관 비밀번호 알려주세요",
      "1234#이에요",
      "새 기사입니다",
      "반가워요",
    ]);
    // The previous courier lost the thread with the assignment.
    expect((await recipientApi.messages(parcel.code, world.as.courier)).status).toBe(404);
  });
});

describe("a long thread", () => {
  it("shows its newest hundred messages, oldest of them first", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    const owner = { userId: world.owner.userId, role: "recipient" } as const;
    for (let i = 1; i <= 105; i++) await appendMessage(getDb(), env(), parcel.id, owner, `line ${i}`);
    const thread = await (await recipientApi.messages(parcel.code, world.as.owner)).json();
    const bodies = thread.messages.map((m: { body: string }) => m.body);
    expect(bodies).toHaveLength(100);
    expect(bodies[0]).toBe("line 6");
    expect(bodies.at(-1)).toBe("line 105");
  });
});
