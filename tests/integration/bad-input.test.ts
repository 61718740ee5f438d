import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { idempotencyKeys, parcelEvents, parcels, registrations } from "@/db/schema";
import { api } from "../support/api";
import { createApiKey, createCarrier, parcelInput } from "../support/fixtures";

const counts = async () => {
  const db = getDb();
  const [[p], [r], [e], [k]] = await Promise.all([
    db.select({ n: count() }).from(parcels),
    db.select({ n: count() }).from(registrations),
    db.select({ n: count() }).from(parcelEvents),
    db.select({ n: count() }).from(idempotencyKeys),
  ]);
  return [p!.n, r!.n, e!.n, k!.n];
};

const withRecipient = (patch: Record<string, unknown>) => {
  const input = parcelInput();
  return { ...input, recipient: { ...input.recipient, ...patch } };
};

// Each case: the body, and the field the 400 must name.
const BAD_PARCELS: [string, unknown, string][] = [
  ["no recipient", { itemName: "x" }, "recipient"],
  ["missing name", withRecipient({ name: undefined }), "recipient.name"],
  ["empty name", withRecipient({ name: "   " }), "recipient.name"],
  ["name as a number", withRecipient({ name: 42 }), "recipient.name"],
  ["SQL in the name", withRecipient({ name: "'; DROP TABLE parcels; --" }), "recipient.name"],
  ["script in the name", withRecipient({ name: "<script>alert(1)</script>" }), "recipient.name"],
  ["emoji in the name", withRecipient({ name: "홍길동😀" }), "recipient.name"],
  ["script in the address", withRecipient({ address: "<img src=x onerror=alert(1)>" }), "recipient.address"],
  ["phone that is not a phone", withRecipient({ phone: "call me" }), "recipient.phone"],
  ["phone as a number", withRecipient({ phone: 1012345678 }), "recipient.phone"],
  ["postal code of 4 digits", withRecipient({ postalCode: "1165" }), "recipient.postalCode"],
  ["control characters in the memo", withRecipient({ memo: "a\u0000b" }), "recipient.memo"],
  ["name too long", withRecipient({ name: "가".repeat(101) }), "recipient.name"],
  ["unknown field", { ...parcelInput(), shipTo: "x" }, "body"],
  ["printItemName as text", { ...parcelInput(), printItemName: "yes" }, "printItemName"],
  ["a list instead of an object", [parcelInput()], "body"],
];

describe("bad input never writes anything", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createApiKey((await createCarrier()).id)).key;
  });

  it.each(BAD_PARCELS)("%s → 400 naming %s", async (_, body, field) => {
    const before = await counts();
    const response = await api.register({ key, body, idempotencyKey: `bad-${Math.random()}` });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.fields)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["not JSON", "{ nope", "application/json", 400, "invalid_json"],
    ["not UTF-8", "\udcff", "application/json", 400, "invalid_json"],
    ["form data", "a=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"],
  ])("%s → %i", async (_, rawBody, type, status, code) => {
    const before = await counts();
    const response = await api.register({ key, rawBody, type });
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it("a 10 MB body → 413", async () => {
    const before = await counts();
    const huge = JSON.stringify({ ...parcelInput(), reference: "x".repeat(10 * 1024 * 1024) });
    const response = await api.register({ key, rawBody: huge });
    expect(response.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("a batch with one bad parcel writes none and names it", async () => {
    const before = await counts();
    const batch = [parcelInput(), withRecipient({ phone: "nope" }), parcelInput()];
    const response = await api.batch({ key, body: { parcels: batch } });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).error.fields)).toEqual(["parcels.1.recipient.phone"]);
    expect(await counts()).toEqual(before);
  });

  it("an 11,000-parcel batch → 400", async () => {
    const before = await counts();
    const response = await api.batch({ key, body: { parcels: Array.from({ length: 11_000 }, () => parcelInput()) } });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).error.fields)).toEqual(["parcels"]);
    expect(await counts()).toEqual(before);
  });

  it("a bad Idempotency-Key → 400", async () => {
    const response = await api.register({ key, body: parcelInput(), idempotencyKey: "has space" });
    expect(response.status).toBe(400);
  });
});
