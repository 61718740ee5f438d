import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { parcels } from "@/db/schema";
import { newParcelCode } from "@/lib/parcels/code";
import { api } from "../support/api";
import { createApiKey, createCarrier, parcelInput } from "../support/fixtures";

const rowCount = async () => (await getDb().select({ n: count() }).from(parcels))[0]!.n;

describe("carrier API: register and resolve", () => {
  let key: string;
  let foreignKey: string;
  beforeAll(async () => {
    key = (await createApiKey((await createCarrier()).id)).key;
    foreignKey = (await createApiKey((await createCarrier()).id)).key;
  });

  it("refuses a missing or unknown key before reading anything", async () => {
    for (const bad of [undefined, "exq_nope"]) {
      const response = await api.register({ key: bad, body: parcelInput() });
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
  });

  it("registers a parcel and resolves it by role", async () => {
    const input = parcelInput();
    const created = await api.register({ key, body: input });
    expect(created.status).toBe(201);
    const { code, url, status } = await created.json();
    expect(code).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(url).toMatch(new RegExp(`/p/${code}$`));
    expect(status).toBe("registered");

    const own = await (await api.resolve(code, { key })).json();
    expect(own.visibility).toBe("full");
    expect(own.recipient.phone).toBe(input.recipient.phone);
    const foreign = await api.resolve(code, { key: foreignKey });
    const body = await foreign.text();
    expect(JSON.parse(body).visibility).toBe("masked");
    expect(body).not.toContain(input.recipient.phone);
    expect(foreign.headers.get("cache-control")).toBe("no-store");
  });

  it("answers malformed, unknown and reissued codes identically", async () => {
    const { code } = await (await api.register({ key, body: parcelInput() })).json();
    const reissued = await api.reissue(code, { key });
    expect(reissued.status).toBe(201);
    const { code: fresh } = await reissued.json();
    expect(fresh).not.toBe(code);
    expect((await api.resolve(fresh, { key })).status).toBe(200);
    const answers = await Promise.all(
      [code, newParcelCode(), "not-a-code", "%27%20or%201%3D1"].map(async (c) => {
        const response = await api.resolve(c, { key: foreignKey });
        return `${response.status} ${await response.text()}`;
      }),
    );
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^404 /);
  });

  it("stops a script guessing codes within a few dozen tries", async () => {
    const { key: guesser } = await createApiKey((await createCarrier()).id);
    const responses: Response[] = [];
    for (let i = 0; i < 200; i++) responses.push(await api.resolve(newParcelCode(), { key: guesser }));
    const statuses = responses.map((response) => response.status);
    const firstLimited = statuses.indexOf(429);
    expect(new Set(statuses)).toEqual(new Set([404, 429]));
    expect(firstLimited).toBeGreaterThan(10);
    expect(firstLimited).toBeLessThanOrEqual(40);
    // The bucket refills a token every 0.3 s, which may let one more guess through right after
    // it ran dry; that guess's price then puts the balance two minutes in debt.
    expect(statuses.slice(firstLimited).filter((s) => s === 404).length).toBeLessThanOrEqual(1);
    // Every refusal says when to come back. (Read from the refusals themselves: a request sent
    // afterwards could be the one that refill lets through.)
    const refusals = responses.filter((response) => response.status === 429);
    for (const refusal of refusals) expect(Number(refusal.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("never limits a courier-like caller who scans 300 real parcels", async () => {
    const { key: busy } = await createApiKey((await createCarrier()).id);
    const batch = await api.batch({ key: busy, body: { parcels: Array.from({ length: 300 }, () => parcelInput()) } });
    const { parcels: created } = await batch.json();
    for (const { code } of created) expect((await api.resolve(code, { key: busy })).status).toBe(200);
  });
});

describe("carrier API: idempotency", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createApiKey((await createCarrier()).id)).key;
  });

  it("answers a retry with the first response and writes once", async () => {
    const body = parcelInput();
    const before = await rowCount();
    const first = await api.register({ key, body, idempotencyKey: "order-1" });
    const again = await api.register({ key, body, idempotencyKey: "order-1" });
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await rowCount()).toBe(before + 1);
  });

  it("refuses the same key with another body (422) and writes nothing", async () => {
    await api.register({ key, body: parcelInput(), idempotencyKey: "order-2" });
    const before = await rowCount();
    const reused = await api.register({ key, body: parcelInput(), idempotencyKey: "order-2" });
    expect(reused.status).toBe(422);
    expect((await reused.json()).error.code).toBe("idempotency_key_reused");
    expect(await rowCount()).toBe(before);
  });

  it("turns concurrent duplicates into one parcel", async () => {
    const body = parcelInput();
    const before = await rowCount();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => api.register({ key, body, idempotencyKey: "order-3" })),
    );
    const codes = new Set(await Promise.all(responses.map(async (r) => (await r.json()).code)));
    expect(codes.size).toBe(1);
    expect(await rowCount()).toBe(before + 1);
  });
});

describe("carrier API: batch", () => {
  let key: string;
  beforeAll(async () => {
    key = (await createApiKey((await createCarrier()).id)).key;
  });

  it("registers 10,000 parcels in one call, codes in input order", async () => {
    const inputs = Array.from({ length: 10_000 }, (_, i) => ({ ...parcelInput(), reference: `ref-${i}` }));
    const response = await api.batch({ key, body: { parcels: inputs } });
    expect(response.status).toBe(201);
    const { parcels: created } = await response.json();
    expect(created).toHaveLength(10_000);
    const last = await (await api.resolve(created[9_999].code, { key })).json();
    expect(last.recipient.phone).toBe(inputs[9_999]!.recipient.phone);
    expect(last.timeline.map((entry: { status: string }) => entry.status)).toEqual(["registered"]);
  });
});
