import { randomUUID } from "node:crypto";
import { count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { parcelEvents, parcels, registrations } from "@/db/schema";
import { env } from "@/lib/config/env";
import { parcelUrl } from "@/lib/parcels/code";
import type { Recipient } from "@/lib/parcels/new-parcel";
import { BinaryCopyWriter, sendCopy, uuidBytes } from "@/lib/parcels/pg-copy";
import { registerParcels } from "@/lib/parcels/register";
import { hashPhoneNumber } from "@/lib/privacy/keys";
import { maskAddress, maskName, maskPhone, maskPostalCode } from "@/lib/privacy/mask";
import { decryptJson, piiKeyRing } from "@/lib/privacy/pii-crypto";
import { api } from "../support/api";
import { createApiKey, createCarrier, parcelInput } from "../support/fixtures";

const counts = async () => {
  const [p] = await getDb().select({ n: count() }).from(parcels);
  const [r] = await getDb().select({ n: count() }).from(registrations);
  const [e] = await getDb().select({ n: count() }).from(parcelEvents);
  return { parcels: p!.n, registrations: r!.n, events: e!.n };
};

// More rows than the first COPY chunks hold (250, then 1,000), so chunk boundaries are crossed.
const BATCH = 2_500;

describe("batch registration through COPY", () => {
  let carrierId: string;
  let key: string;
  let apiKeyId: string;
  beforeAll(async () => {
    carrierId = (await createCarrier()).id;
    const created = await createApiKey(carrierId);
    key = created.key;
    apiKeyId = created.viewer.apiKeyId;
  });

  it("stores every parcel as the single path would: encrypted under its id, masked, hashed, in one registration", async () => {
    const inputs = Array.from({ length: BATCH }, (_, i) => ({
      ...parcelInput(),
      itemName: i % 2 ? "운동화" : undefined,
      printItemName: i % 3 === 0,
      reference: `ref-${i}`,
    }));
    const response = await api.batch({ key, idempotencyKey: `batch-${randomUUID()}`, body: { parcels: inputs } });
    expect(response.status).toBe(201);
    const { parcels: created } = (await response.json()) as { parcels: { code: string; url: string }[] };
    expect(created).toHaveLength(BATCH);

    const rows = await getDb()
      .select()
      .from(parcels)
      .where(
        inArray(
          parcels.code,
          created.map((c) => c.code),
        ),
      );
    const byCode = new Map(rows.map((row) => [row.code, row]));
    created.forEach(({ code, url }, i) => {
      const row = byCode.get(code)!;
      const input = inputs[i]!;
      // Codes come back in input order: each one's row carries that input's reference.
      expect(row.reference).toBe(`ref-${i}`);
      expect(url).toBe(parcelUrl(env().PUBLIC_URL, code));
      expect(decryptJson<Recipient>(piiKeyRing(env().PII_KEYS), row.piiKeyId!, row.piiCiphertext!, row.id)).toEqual(
        input.recipient,
      );
      expect(row).toMatchObject({
        carrierId,
        status: "registered",
        recipientPhoneHash: hashPhoneNumber(input.recipient.phone),
        maskedName: maskName(input.recipient.name),
        maskedPhone: maskPhone(input.recipient.phone),
        maskedAddress: maskAddress(input.recipient.address),
        maskedPostalCode: maskPostalCode(input.recipient.postalCode!),
        itemName: input.itemName ?? null,
        printItemName: input.printItemName,
        courierId: null,
      });
    });

    // One registration row says who registered all of them, and when; no event rows per parcel.
    const registrationIds = new Set(rows.map((row) => row.registrationId));
    expect(registrationIds.size).toBe(1);
    const [registration] = await getDb()
      .select()
      .from(registrations)
      .where(eq(registrations.id, [...registrationIds][0]!));
    expect(registration).toMatchObject({ carrierId, apiKeyId, userId: null, parcelCount: BATCH });
    expect(rows.every((row) => row.createdAt.getTime() === registration!.createdAt.getTime())).toBe(true);
    const events = await getDb()
      .select({ n: count() })
      .from(parcelEvents)
      .where(
        inArray(
          parcelEvents.parcelId,
          rows.map((row) => row.id),
        ),
      );
    expect(events[0]!.n).toBe(0);
  });

  it("writes nothing when parcels far apart are invalid, and names every bad field", async () => {
    const before = await counts();
    const inputs: unknown[] = Array.from({ length: BATCH }, () => parcelInput());
    inputs[1] = { ...parcelInput(), recipient: { ...parcelInput().recipient, phone: "nope" } };
    inputs[BATCH - 1] = { ...parcelInput(), itemName: "" };
    const response = await api.batch({ key, body: { parcels: inputs } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toEqual({
      "parcels.1.recipient.phone": ["must be a Korean phone number, e.g. 010-1234-5678"],
      [`parcels.${BATCH - 1}.itemName`]: ["must not be empty"],
    });
    expect(await counts()).toEqual(before);
  });

  it("writes nothing when a chunk's COPY fails midway, and leaves the connection usable", async () => {
    const before = await counts();
    const inputs = Array.from({ length: BATCH }, () => parcelInput());
    // A row of the second chunk breaks a constraint made for this test, so PostgreSQL
    // refuses that COPY after the first chunk went in and was counted.
    inputs[600] = { ...parcelInput(), reference: "refused-by-test" };
    await getSql().unsafe(
      `alter table parcels add constraint test_refuses check (reference <> 'refused-by-test') not valid`,
    );
    try {
      await expect(registerParcels(getDb(), { carrierId }, inputs, env())).rejects.toThrow();
    } finally {
      await getSql().unsafe(`alter table parcels drop constraint test_refuses`);
    }
    expect(await counts()).toEqual(before);
    const [registered] = await registerParcels(getDb(), { carrierId }, [parcelInput()], env());
    expect(registered?.status).toBe("registered");
    expect(await counts()).toEqual({ ...before, parcels: before.parcels + 1, registrations: before.registrations + 1 });
  });

  it("fails as a whole when a worker thread cannot build a row, writing nothing", async () => {
    const before = await counts();
    const inputs = Array.from({ length: BATCH }, () => parcelInput());
    // Past validation (registerParcels trusts its inputs), so the row builder itself refuses it.
    inputs[1_800] = { ...parcelInput(), recipient: { ...parcelInput().recipient, phone: "not a phone" } };
    await expect(registerParcels(getDb(), { carrierId }, inputs, env())).rejects.toThrow(/phone/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a registrar that does not exist, writing nothing", async () => {
    const before = await counts();
    const registrar = { carrierId, userId: randomUUID() };
    await expect(registerParcels(getDb(), registrar, [parcelInput()], env())).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("is part of the caller's transaction: rolled back with it", async () => {
    const before = await counts();
    const rollback = new Error("roll back");
    await expect(
      getDb().transaction(async (tx) => {
        await registerParcels(tx, { carrierId }, [parcelInput(), parcelInput()], env());
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await counts()).toEqual(before);
  });
});

describe("BinaryCopyWriter", () => {
  it("writes every column type PostgreSQL reads back unchanged", async () => {
    const id = randomUUID();
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const rows = await getSql().begin(async (tx) => {
      await tx`create temp table copy_types (u uuid, t text, n text, b bytea, f boolean) on commit drop`;
      const out = new BinaryCopyWriter(16); // grows as it goes
      out.row(5).uuid(id).text("홍길동 O'Brien\t\\ ✓").text(null).bytea(bytes).bool(true);
      out.row(5).uuid(uuidBytes(id)).text("").null().bytea(Buffer.alloc(0)).bool(false);
      await sendCopy(tx, "copy copy_types from stdin (format binary)", out.end());
      return tx<{ u: string; t: string; n: null; b: Buffer; f: boolean }[]>`select * from copy_types`;
    });
    expect(rows).toEqual([
      { u: id, t: "홍길동 O'Brien\t\\ ✓", n: null, b: bytes, f: true },
      { u: id, t: "", n: null, b: Buffer.alloc(0), f: false },
    ]);
  });

  it("fails the next statement, rather than hanging, when PostgreSQL rejects a COPY after its last row", async () => {
    const missing = randomUUID();
    const attempt = getSql().begin(async (tx) => {
      await tx`create temp table copy_checked (carrier_id uuid references carriers (id)) on commit drop`;
      // The foreign key is checked when the COPY ends, after sendCopy has returned.
      await sendCopy(
        tx,
        "copy copy_checked from stdin (format binary)",
        new BinaryCopyWriter().row(1).uuid(missing).end(),
      );
      await tx`select 1`;
    });
    await expect(attempt).rejects.toThrow();
    expect((await getSql()`select 1 as ok`)[0]).toEqual({ ok: 1 }); // the pool is still usable
  });

  it("refuses a malformed uuid instead of sending garbage", () => {
    expect(() => new BinaryCopyWriter().row(1).uuid("not-a-uuid-at-all-but-36-characters!")).toThrow(TypeError);
    expect(() => new BinaryCopyWriter().row(1).uuid(randomUUID().slice(1))).toThrow(TypeError);
    expect(() => uuidBytes(randomUUID().replace(/[0-9a-f]$/, "g"))).toThrow(TypeError);
  });
});

// Kept apart from the rest: it counts every parcel of the carrier.
describe("batch registration: one carrier's view", () => {
  it("lists exactly the parcels that were registered", async () => {
    const carrier = (await createCarrier()).id;
    const { key: carrierKey } = await createApiKey(carrier);
    const response = await api.batch({ key: carrierKey, body: { parcels: [parcelInput(), parcelInput()] } });
    expect(response.status).toBe(201);
    const stored = await getDb().select({ n: count() }).from(parcels).where(eq(parcels.carrierId, carrier));
    expect(stored[0]!.n).toBe(2);
  });
});
