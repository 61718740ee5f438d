import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import {
  createApiKey,
  createCarrier,
  createParcel,
  createRecipient,
  createStaff,
  parcelInput,
  uniquePhone,
} from "../support/fixtures";
import { cookieFor, recipientApi } from "../support/recipient-api";

const registered = { status: "registered" as const };

describe("GET /api/v1/me/parcels", () => {
  const phone = uniquePhone();
  const otherPhone = uniquePhone();
  let cookie: string;
  let carriers: { id: string; name: string }[];
  const mine: string[] = [];
  const theirs: string[] = [];

  beforeAll(async () => {
    carriers = [await createCarrier(), await createCarrier()];
    cookie = await cookieFor(await createRecipient(phone));
    for (const carrier of carriers) {
      mine.push((await createParcel(carrier.id, parcelInput(phone), registered)).code);
      theirs.push((await createParcel(carrier.id, parcelInput(otherPhone), registered)).code);
    }
    mine.push((await createParcel(carriers[0]!.id, parcelInput(phone), { status: "in_transit" })).code);
  });

  it("lists the recipient's parcels of every carrier, newest first, and nobody else's", async () => {
    const response = await recipientApi.myParcels({ cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.parcels.map((p: { code: string }) => p.code)).toEqual([...mine].reverse());
    expect(body.carriers.map((c: { id: string }) => c.id).sort()).toEqual(carriers.map((c) => c.id).sort());
    const text = JSON.stringify(body);
    for (const code of theirs) expect(text).not.toContain(code);
    // A DTO: no personal data, no hashes, no ids beyond the carrier's.
    expect(text).not.toContain(phone);
    expect(text).not.toMatch(/홍길동|오목로|phoneHash|cipher/);
    expect(Object.keys(body.parcels[0]).sort()).toEqual(
      ["carrierId", "carrierName", "code", "itemName", "latest", "registeredAt", "status", "unreadMessages"].sort(),
    );
  });

  it("gives each parcel its carrier and latest event, and follows a status change", async () => {
    const { key } = await createApiKey(carriers[1]!.id);
    const code = mine[1]!;
    const event = await api.event(code, {
      key,
      idempotencyKey: `pick-${code}`,
      body: { status: "picked_up", place: "Hub" },
    });
    expect(event.status).toBe(201);
    const body = await (await recipientApi.myParcels({ cookie })).json();
    const parcel = body.parcels.find((p: { code: string }) => p.code === code);
    expect(parcel).toMatchObject({
      status: "picked_up",
      carrierName: carriers[1]!.name,
      latest: { status: "picked_up", place: "Hub" },
    });
  });

  it("filters by status and by carrier", async () => {
    const byStatus = await (await recipientApi.myParcels({ cookie }, "?status=in_transit")).json();
    expect(byStatus.parcels.map((p: { code: string }) => p.code)).toEqual([mine[2]]);
    const byCarrier = await (await recipientApi.myParcels({ cookie }, `?carrier=${carriers[1]!.id}`)).json();
    expect(byCarrier.parcels.map((p: { code: string }) => p.code)).toEqual([mine[1]]);
    expect(byCarrier.carriers).toHaveLength(2);
  });

  it("refuses bad filters with the fields named", async () => {
    const response = await recipientApi.myParcels({ cookie }, "?status=lost&carrier=x&extra=1");
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(Object.keys(error.fields).sort()).toEqual(["body", "carrier", "status"].sort());
  });

  it("is a recipient's alone: no session 401, staff 403, an API key 403", async () => {
    expect((await recipientApi.myParcels({})).status).toBe(401);
    const carrierId = carriers[0]!.id;
    for (const role of ["courier", "admin"] as const) {
      const staff = await createStaff(role, carrierId);
      expect((await recipientApi.myParcels({ cookie: await cookieFor(staff) })).status).toBe(403);
    }
    expect((await recipientApi.myParcels({ key: (await createApiKey(carrierId)).key })).status).toBe(403);
  });
});
