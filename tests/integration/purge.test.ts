import { eq, sql as raw } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { connect, type Database } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { carriers, disclosures, parcelEvents, parcels, registrations, type Parcel } from "@/db/schema";
import { env } from "@/lib/config/env";
import { newParcelRow } from "@/lib/parcels/new-parcel";
import { purgeExpiredPersonalData } from "@/lib/parcels/purge";
import { startHourlyPurge } from "@/lib/parcels/purge-schedule";
import type { ParcelStatus } from "@/lib/parcels/status";
import { scratchDatabase } from "../support/services";

const NOW = new Date("2030-03-15T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
const RETENTION = { retentionDays: 30, now: NOW };

const recipient = { name: "홍길동", phone: "010-1234-5678", address: "경기도 의정부시 오목로 150 211동 1203호" };

describe("purgeExpiredPersonalData", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let pool: ReturnType<typeof connect>;
  let db: Database;
  let carrierId: string;
  let registrationId: string;

  beforeAll(async () => {
    database = await scratchDatabase("purge");
    await runMigrations(database.url);
    pool = connect(database.url, { max: 4 });
    db = pool.db;
    const [carrier] = await db.insert(carriers).values({ name: "Purge Test Express" }).returning();
    carrierId = carrier!.id;
    const [registration] = await db.insert(registrations).values({ carrierId }).returning();
    registrationId = registration!.id;
  });
  afterAll(async () => {
    await pool?.sql.end();
    await database?.drop();
  });
  beforeEach(async () => {
    // Events and disclosures cascade; the audit log is append-only (migration 0009), so this
    // scratch database's owner lifts the guard for the cleanup alone.
    await db.transaction(async (tx) => {
      await tx.execute(raw`alter table disclosures disable trigger disclosures_append_only`);
      await tx.delete(parcels);
      await tx.execute(raw`alter table disclosures enable trigger disclosures_append_only`);
    });
  });

  async function addParcel(status: ParcelStatus, times: { deliveredAt?: Date; updatedAt?: Date } = {}) {
    const row = newParcelRow(carrierId, { recipient: { ...recipient, postalCode: "11657" } }, env());
    const [parcel] = await db
      .insert(parcels)
      .values({
        ...row,
        registrationId,
        status,
        deliveredAt: times.deliveredAt ?? null,
        updatedAt: times.updatedAt ?? daysAgo(60),
      })
      .returning();
    return parcel!;
  }
  const reload = async (id: string) => (await db.select().from(parcels).where(eq(parcels.id, id)))[0]!;
  const stillHoldsData = async (id: string) => (await reload(id)).piiCiphertext !== null;
  const count = async (table: typeof parcelEvents | typeof disclosures, id: string) =>
    (await db.select().from(table).where(eq(table.parcelId, id))).length;

  it("purges a parcel delivered 31 days ago and keeps its masked forms, events and disclosures", async () => {
    const before = await addParcel("delivered", { deliveredAt: daysAgo(31) });
    await db.insert(parcelEvents).values({ parcelId: before.id, status: "delivered", occurredAt: daysAgo(31) });
    await db.insert(disclosures).values({ parcelId: before.id, viewerRole: "admin", fields: ["name", "phone"] });

    expect(await purgeExpiredPersonalData(db, RETENTION)).toEqual({ purged: 1 });

    const after = await reload(before.id);
    expect(after).toMatchObject({ piiCiphertext: null, piiKeyId: null, piiPurgedAt: NOW, updatedAt: NOW });
    const kept = (p: Parcel) => [p.maskedName, p.maskedPhone, p.maskedAddress, p.maskedPostalCode, p.code, p.status];
    expect(kept(after)).toEqual(kept(before));
    expect(after.maskedName).toBe("홍*동");
    expect(await count(parcelEvents, before.id)).toBe(1);
    expect(await count(disclosures, before.id)).toBe(1);
  });

  it("keeps parcels delivered within retention, exactly at the cutoff, and not delivered", async () => {
    const recent = await addParcel("delivered", { deliveredAt: daysAgo(29) });
    const atCutoff = await addParcel("delivered", { deliveredAt: daysAgo(30) });
    const inTransit = await addParcel("in_transit", { updatedAt: daysAgo(90) });
    const failed = await addParcel("failed_attempt", { updatedAt: daysAgo(90) });

    expect(await purgeExpiredPersonalData(db, RETENTION)).toEqual({ purged: 0 });
    for (const parcel of [recent, atCutoff, inTransit, failed]) {
      expect(await stillHoldsData(parcel.id)).toBe(true);
      expect((await reload(parcel.id)).piiPurgedAt).toBeNull();
    }
  });

  it("purges returned parcels counted from their last change (no returned_at column)", async () => {
    const old = await addParcel("returned", { updatedAt: daysAgo(31) });
    const recent = await addParcel("returned", { updatedAt: daysAgo(29) });

    expect(await purgeExpiredPersonalData(db, RETENTION)).toEqual({ purged: 1 });
    expect(await stillHoldsData(old.id)).toBe(false);
    expect(await stillHoldsData(recent.id)).toBe(true);
  });

  it("does not count an already purged parcel again", async () => {
    const parcel = await addParcel("delivered", { deliveredAt: daysAgo(40) });
    expect(await purgeExpiredPersonalData(db, RETENTION)).toEqual({ purged: 1 });
    const later = new Date(NOW.getTime() + 60_000);
    expect(await purgeExpiredPersonalData(db, { retentionDays: 30, now: later })).toEqual({ purged: 0 });
    expect((await reload(parcel.id)).piiPurgedAt).toEqual(NOW);
  });

  it("works through batches until nothing is left", async () => {
    for (let i = 0; i < 5; i++) await addParcel("delivered", { deliveredAt: daysAgo(31 + i) });
    const kept = await addParcel("delivered", { deliveredAt: daysAgo(1) });

    expect(await purgeExpiredPersonalData(db, { ...RETENTION, batchSize: 2 })).toEqual({ purged: 5 });
    const [left] = await db
      .select({ n: raw<number>`count(*)::int` })
      .from(parcels)
      .where(raw`pii_ciphertext is not null`);
    expect(left!.n).toBe(1);
    expect(await stillHoldsData(kept.id)).toBe(true);
  });

  it("counts each parcel exactly once when two servers purge at the same time", async () => {
    const expired = 40;
    for (let i = 0; i < expired; i++) await addParcel("delivered", { deliveredAt: daysAgo(31) });
    const other = connect(database.url, { max: 2 }); // a second server, its own pool
    try {
      const results = await Promise.all([
        purgeExpiredPersonalData(db, { ...RETENTION, batchSize: 3 }),
        purgeExpiredPersonalData(other.db, { ...RETENTION, batchSize: 3 }),
      ]);
      expect(results[0]!.purged + results[1]!.purged).toBe(expired);
    } finally {
      await other.sql.end();
    }
    const [left] = await db
      .select({ n: raw<number>`count(*)::int` })
      .from(parcels)
      .where(raw`pii_ciphertext is not null`);
    expect(left!.n).toBe(0);
  });

  it.each([0, -1, Number.NaN])("refuses retentionDays %s", async (retentionDays) => {
    await expect(purgeExpiredPersonalData(db, { retentionDays })).rejects.toThrow(RangeError);
  });
});

describe("startHourlyPurge", () => {
  const HOUR = 60 * 60 * 1000;
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("runs shortly after start, then hourly, never two runs at once", async () => {
    let finish = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const stop = startHourlyPurge(run, { error: vi.fn() }, { initialDelayMs: 30_000 });

    await vi.advanceTimersByTimeAsync(29_999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2 * HOUR); // still running: both hourly ticks are skipped
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    await stop();
    await vi.advanceTimersByTimeAsync(5 * HOUR);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("logs a failing run and keeps going", async () => {
    const run = vi
      .fn<() => Promise<unknown>>()
      .mockRejectedValueOnce(new Error("database is down"))
      .mockImplementationOnce(() => {
        throw new Error("thrown synchronously");
      })
      .mockResolvedValue({ purged: 3 });
    const log = { error: vi.fn() };
    const stop = startHourlyPurge(run, log, { initialDelayMs: 1000 });

    await vi.advanceTimersByTimeAsync(1000 + 2 * HOUR);
    expect(run).toHaveBeenCalledTimes(3);
    expect(log.error).toHaveBeenCalledTimes(2);
    expect(log.error.mock.calls.map((call) => (call[0].err as Error).message)).toEqual([
      "database is down",
      "thrown synchronously",
    ]);
    await stop();
  });

  it("does not keep the process alive, and stop clears its timers", async () => {
    vi.useRealTimers(); // real Node timers, to see whether they hold the event loop
    const timeout = vi.spyOn(globalThis, "setTimeout");
    const interval = vi.spyOn(globalThis, "setInterval");
    const stop = startHourlyPurge(
      vi.fn(async () => {}),
      { error: vi.fn() },
    );
    const handles = [timeout.mock.results[0]?.value, interval.mock.results[0]?.value] as NodeJS.Timeout[];
    timeout.mockRestore();
    interval.mockRestore();
    expect(handles.map((handle) => handle.hasRef())).toEqual([false, false]);
    await stop();
  });
});
