import { eq } from "drizzle-orm";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DELETE as unsubscribeRoute, POST as subscribeRoute } from "@/app/api/v1/me/push-subscriptions/route";
import { POST as logoutRoute } from "@/app/api/auth/logout/route";
import { getDb } from "@/db/client";
import { pushSubscriptions, users } from "@/db/schema";
import { env } from "@/lib/config/env";
import { startNotificationWorker } from "@/lib/notifications/queue";
import { courierApi } from "../support/courier-api";
import { cookieFor, recipientApi } from "../support/recipient-api";
import { recipientWorld, type RecipientWorld } from "../support/recipient-world";
import { browserPushKeys, type PushKeys } from "../support/push-decrypt";
import { startPushReceiver } from "../support/push-receiver";

// The Next.js request scope logout reads its cookie from, given the test's Cookie header.
const cookieJar = vi.hoisted(() => ({ header: "" }));
vi.mock("next/headers", () => ({
  cookies: async () => {
    const pairs = new Map(cookieJar.header.split("; ").map((pair) => pair.split("=") as [string, string]));
    return { get: (name: string) => (pairs.has(name) ? { value: pairs.get(name) } : undefined), delete: () => {} };
  },
}));

let receiver: Awaited<ReturnType<typeof startPushReceiver>>;
let worker: Worker;
let world: RecipientWorld;

beforeAll(async () => {
  receiver = await startPushReceiver();
  // The receiver's port is known only now: the configuration is read after it is listed.
  process.env.PUSH_SERVICE_HOSTS = receiver.host;
  delete (globalThis as { exqressEnv?: unknown }).exqressEnv;
  expect(env().PUSH_SERVICE_HOSTS).toEqual([
    { host: "127.0.0.1", port: Number(receiver.host.split(":")[1]), wildcard: false },
  ]);
  worker = startNotificationWorker();
  world = await recipientWorld();
});
afterAll(async () => {
  await worker.close();
  await receiver.close();
});

const origin = () => env().PUBLIC_URL;
const call = (method: "POST" | "DELETE", cookie: string, body: unknown) => {
  const headers = { cookie, origin: origin(), "content-type": "application/json", "x-forwarded-for": "10.9.8.7" };
  const request = new Request("http://localhost/api/v1/me/push-subscriptions", {
    method,
    headers,
    body: JSON.stringify(body),
  });
  return method === "POST" ? subscribeRoute(request) : unsubscribeRoute(request);
};
const subscribe = (cookie: string, endpoint: string, keys: PushKeys) =>
  call("POST", cookie, { endpoint, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.auth } });
const rowsOf = (endpoint: string) =>
  getDb().select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
let tap = 0;
const courierSets = (code: string, status: string) =>
  courierApi.event(code, { cookie: world.as.courier.cookie, idempotencyKey: `push-${tap++}`, body: { status } });

describe("Web Push notifications", () => {
  it("tells the owner's browser 'out for delivery', encrypted for it, with no personal data", async () => {
    const keys = browserPushKeys();
    const endpoint = receiver.endpoint("owner-phone");
    expect((await subscribe(world.as.owner.cookie, endpoint, keys)).status).toBe(201);
    const parcel = await world.parcel({ status: "in_transit" });

    expect((await courierSets(parcel.code, "out_for_delivery")).status).toBe(201);
    const push = await receiver.next();

    expect(push.path).toBe("/push/owner-phone");
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(push.headers.authorization).toContain(`k=${env().VAPID_PUBLIC_KEY}`);
    const plaintext = keys.decrypt(push.body).toString("utf8");
    expect(JSON.parse(plaintext)).toEqual({
      kind: "status",
      status: "out_for_delivery",
      codeTail: parcel.code.slice(-4),
      path: `/p/${parcel.code}`,
    });
    for (const personal of [
      "홍길동",
      world.phone,
      world.phone.replace(/-/g, ""),
      "의정부",
      "211동",
      "11657",
      "이어폰",
    ]) {
      expect(plaintext).not.toContain(personal);
    }
  });

  it("deletes a subscription the push service says is gone (410)", async () => {
    const keys = browserPushKeys();
    const endpoint = receiver.endpoint("gone");
    const owner = await recipientWorld();
    expect((await subscribe(owner.as.owner.cookie, endpoint, keys)).status).toBe(201);
    expect(await rowsOf(endpoint)).toHaveLength(1);
    receiver.answer(410);
    const parcel = await owner.parcel({ status: "out_for_delivery" });
    try {
      const set = await courierApi.event(parcel.code, {
        cookie: owner.as.courier.cookie,
        idempotencyKey: "gone-1",
        body: { status: "failed_attempt", reason: "absent" },
      });
      expect(set.status).toBe(201);
      await receiver.next();
      await vi.waitFor(async () => expect(await rowsOf(endpoint)).toEqual([]), { timeout: 15_000, interval: 100 });
    } finally {
      receiver.answer(201);
    }
  });

  it("refuses an endpoint whose host is not in PUSH_SERVICE_HOSTS, naming the field", async () => {
    const keys = browserPushKeys();
    for (const endpoint of ["https://push.evil.example/x", "http://127.0.0.2:9/x", "http://169.254.169.254/x"]) {
      const response = await subscribe(world.as.owner.cookie, endpoint, keys);
      expect(response.status).toBe(400);
      expect((await response.json()).error.fields).toHaveProperty("endpoint");
      expect(await rowsOf(endpoint)).toEqual([]);
    }
    const badKey = await call("POST", world.as.owner.cookie, {
      endpoint: receiver.endpoint("k"),
      keys: { p256dh: "AAAA", auth: keys.auth },
    });
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).error.fields).toHaveProperty(["keys.p256dh"]);
  });

  it("moves a re-subscribed endpoint to the new account; DELETE removes only the caller's own", async () => {
    const keys = browserPushKeys();
    const endpoint = receiver.endpoint("shared-phone");
    expect((await subscribe(world.as.owner.cookie, endpoint, keys)).status).toBe(201);
    expect((await subscribe(world.as.otherRecipient.cookie, endpoint, keys)).status).toBe(201);
    const [row] = await rowsOf(endpoint);
    expect(row?.userId).not.toBe(world.owner.userId);

    expect((await call("DELETE", world.as.owner.cookie, { endpoint })).status).toBe(204);
    expect(await rowsOf(endpoint)).toHaveLength(1);
    expect((await call("DELETE", world.as.otherRecipient.cookie, { endpoint })).status).toBe(204);
    expect(await rowsOf(endpoint)).toEqual([]);
  });

  it("logout removes the subscriptions made under that session; deleting the account removes the rest", async () => {
    const person = await recipientWorld();
    const [first, second] = [await cookieFor(person.owner), await cookieFor(person.owner)];
    const [a, b] = [receiver.endpoint("session-a"), receiver.endpoint("session-b")];
    expect((await subscribe(first, a, browserPushKeys())).status).toBe(201);
    expect((await subscribe(second, b, browserPushKeys())).status).toBe(201);

    cookieJar.header = first;
    const logout = new Request("http://localhost/api/auth/logout", { method: "POST", headers: { origin: origin() } });
    expect((await logoutRoute(logout)).status).toBe(303);
    expect(await rowsOf(a)).toEqual([]);
    expect(await rowsOf(b)).toHaveLength(1);

    await getDb().delete(users).where(eq(users.id, person.owner.userId));
    expect(await rowsOf(b)).toEqual([]);
  });

  it("tells the courier of a message from the recipient, and the recipient of one from the courier", async () => {
    const [courierKeys, ownerKeys] = [browserPushKeys(), browserPushKeys()];
    const person = await recipientWorld();
    expect((await subscribe(person.as.courier.cookie, receiver.endpoint("courier"), courierKeys)).status).toBe(201);
    expect((await subscribe(person.as.owner.cookie, receiver.endpoint("owner"), ownerKeys)).status).toBe(201);
    const parcel = await person.parcel({ status: "out_for_delivery" });

    expect((await recipientApi.send(parcel.code, person.as.owner, { body: "경비실에 맡겨 주세요" })).status).toBe(201);
    const toCourier = await receiver.next();
    expect(toCourier.path).toBe("/push/courier");
    const courierNotice = courierKeys.decrypt(toCourier.body).toString("utf8");
    expect(JSON.parse(courierNotice)).toEqual({ kind: "message", codeTail: parcel.code.slice(-4), path: "/courier" });
    expect(courierNotice).not.toContain("경비실");

    expect((await recipientApi.send(parcel.code, person.as.courier, { body: "10분 뒤 도착합니다" })).status).toBe(201);
    const toOwner = await receiver.next();
    expect(toOwner.path).toBe("/push/owner");
    const ownerNotice = ownerKeys.decrypt(toOwner.body).toString("utf8");
    expect(JSON.parse(ownerNotice)).toEqual({
      kind: "message",
      codeTail: parcel.code.slice(-4),
      path: `/p/${parcel.code}`,
    });
    expect(ownerNotice).not.toContain("10분");
  });
});
