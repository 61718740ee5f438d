import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Database } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { ensurePartitionsAhead, HISTORY_TABLES, type HistoryTable, partitionsOf } from "@/db/partitions";
import { sequenceCarrier } from "@/lib/audit/sequencer";
import { verifyCarrierChain } from "@/lib/audit/verify";
import { keepHistory } from "@/lib/history/retention";
import { scratchDatabase } from "../support/services";

const DAY_MS = 24 * 60 * 60 * 1000;
const config = { HISTORY_RETENTION_DAYS: 730 };

/** A carrier with a courier and one parcel, in a scratch database (no app fixtures there). */
async function parcelOf(sql: postgres.Sql, name: string) {
  const [carrier] = await sql`insert into carriers (name) values (${name}) returning id`;
  const carrierId = carrier!.id as string;
  const [courier] = await sql`insert into users (role, carrier_id, email, password_hash)
    values ('courier', ${carrierId}, ${`${name}@test.local`}, 'x') returning id`;
  const [registration] = await sql`insert into registrations (carrier_id) values (${carrierId}) returning id`;
  const [parcel] = await sql`
    insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address, created_at)
    values (${name.toUpperCase()}, ${carrierId}, ${registration!.id}, 'h', '*', '*', '*', '2022-12-01')
    returning id`;
  return { carrierId, courierId: courier!.id as string, parcelId: parcel!.id as string };
}

/** One row in each history table, written at `at` (its period's partition made first, as the past had it). */
async function historyAt(sql: postgres.Sql, at: string, parcel: Awaited<ReturnType<typeof parcelOf>>, tag: string) {
  for (const { table, period } of HISTORY_TABLES) await sql`select history_partition(${table}, ${period}, ${at})`;
  const { parcelId, courierId, carrierId } = parcel;
  await sql`insert into parcel_events (parcel_id, status, occurred_at, recorded_at, place)
    values (${parcelId}, 'in_transit', ${at}, ${at}, ${tag})`;
  await sql`insert into disclosures (parcel_id, viewer_user_id, viewer_role, fields, created_at)
    values (${parcelId}, ${courierId}, 'courier', '{address}', ${at})`;
  await sql`insert into messages (parcel_id, sender_user_id, sender_role, body_key_id, body_ciphertext, created_at)
    values (${parcelId}, ${courierId}, 'courier', 'k1', '\\x00', ${at})`;
  await sql`insert into reports (reference, parcel_id, carrier_id, kind, place, created_at)
    values (${`R-${tag}`}, ${parcelId}, ${carrierId}, 'found', ${tag}, ${at})`;
  const [upload] = await sql`insert into imports (carrier_id, mode, encoding, created_at)
    values (${carrierId}, 'all', 'utf-8', ${at}) returning id`;
  await sql`insert into import_chunks (import_id, seq, pii_key_id, ciphertext, created_at)
    values (${upload!.id}, 1, 'k1', '\\x00', ${at})`;
  await sql`insert into import_errors (import_id, row, field, message, created_at)
    values (${upload!.id}, 2, 'phone', ${tag}, ${at})`;
  await sql`insert into idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
    values ('user:x', ${tag}, 'h', 201, '{}', ${at})`;
}

/** An audit row of the parcel's courier, written at `at`. */
const discloseAt = (sql: postgres.Sql, parcel: Awaited<ReturnType<typeof parcelOf>>, at: string) =>
  sql`insert into disclosures (parcel_id, viewer_user_id, viewer_role, fields, created_at)
    values (${parcel.parcelId}, ${parcel.courierId}, 'courier', '{address}', ${at})`;

/** Deletes a sequenced audit row past the append-only trigger, as an intruder with the owner's rights might. */
const deleteAuditRow = (sql: postgres.Sql, carrierId: string, seq: number) =>
  sql.begin(async (tx) => {
    await tx`alter table disclosures disable trigger disclosures_append_only`;
    await tx`delete from disclosures where carrier_id = ${carrierId} and chain_seq = ${seq}`;
    await tx`alter table disclosures enable trigger disclosures_append_only`;
  });

/** How many rows of each history table hold `tag` (as place, message, key…), by table. */
async function rowsTagged(sql: postgres.Sql, tag: string) {
  const [row] = await sql<Record<string, number>[]>`
    select (select count(*)::int from parcel_events where place = ${tag}) as parcel_events,
      (select count(*)::int from reports where place = ${tag}) as reports,
      (select count(*)::int from import_errors where message = ${tag}) as import_errors,
      (select count(*)::int from idempotency_keys where key = ${tag}) as idempotency_keys`;
  return row;
}

describe("history partitions", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let sql: postgres.Sql;
  let db: Database;
  beforeAll(async () => {
    database = await scratchDatabase("history-partitions");
    await runMigrations(database.url);
    ({ sql, db } = connect(database.url, { max: 4 }));
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  it("drops the partitions past retention with their rows, and keeps the current ones and those not yet past", async () => {
    const now = new Date();
    const parcel = await parcelOf(sql, "retention");
    const recent = new Date(now.getTime() - 700 * DAY_MS).toISOString();
    await historyAt(sql, "2023-01-15T12:00:00Z", parcel, "old");
    await historyAt(sql, recent, parcel, "recent");
    await historyAt(sql, now.toISOString(), parcel, "current");
    await sequenceCarrier(sql, parcel.carrierId);
    const { dropped } = await keepHistory(db, config, now);

    const droppedNames = dropped.map((partition) => partition.name);
    for (const { table } of HISTORY_TABLES) {
      expect(droppedNames.filter((name) => name.startsWith(`${table}_p2023_01`))).toHaveLength(1);
    }
    for (const partition of dropped) {
      const days = partition.table === "idempotency_keys" ? 7 : 730;
      expect(partition.to.getTime()).toBeLessThanOrEqual(now.getTime() - days * DAY_MS);
    }
    const gone = await sql`select relname from pg_class where relname like '%\\_p2023\\_01%'`;
    expect(gone).toEqual([]);
    expect(await rowsTagged(sql, "old")).toEqual({
      parcel_events: 0,
      reports: 0,
      import_errors: 0,
      idempotency_keys: 0,
    });
    // Idempotency keys are kept a week only: 700 days is long past theirs.
    expect(await rowsTagged(sql, "recent")).toEqual({
      parcel_events: 1,
      reports: 1,
      import_errors: 1,
      idempotency_keys: 0,
    });
    expect(await rowsTagged(sql, "current")).toEqual({
      parcel_events: 1,
      reports: 1,
      import_errors: 1,
      idempotency_keys: 1,
    });
    // Run again, it finds nothing more to drop.
    expect((await keepHistory(db, config, now)).dropped).toEqual([]);
  });

  it("verifies the audit chain from where retention left it, and still finds a row deleted after it", async () => {
    const now = new Date();
    const parcel = await parcelOf(sql, "audit");
    const disclose = (at: string) => discloseAt(sql, parcel, at);
    for (const { period } of HISTORY_TABLES.filter((t) => t.table === "disclosures")) {
      for (const at of ["2023-03-01", "2023-04-01"])
        await sql`select history_partition('disclosures', ${period}, ${at})`;
    }
    await disclose("2023-03-10T00:00:00Z");
    // Sequenced after the next one, yet written in the later month's partition: a straggler.
    await disclose("2023-04-01T00:00:01Z");
    await disclose("2023-03-31T23:59:59Z");
    await disclose(now.toISOString());
    await disclose(now.toISOString());
    expect(await sequenceCarrier(sql, parcel.carrierId)).toBe(5);
    const retention = (days: number) => keepHistory(db, { HISTORY_RETENTION_DAYS: days }, now);

    // Only March goes: April's partition ends later than the retention cutoff of this run.
    const aprilEnd = Date.UTC(2023, 4, 1);
    const days = Math.floor((now.getTime() - aprilEnd) / DAY_MS) + 1;
    const { dropped } = await retention(days);
    expect(dropped.filter((p) => p.table === "disclosures").map((p) => p.name)).toEqual(["disclosures_p2023_03"]);
    const [checkpoint] = await sql`select seq::int, retired::int from audit_chain_checkpoints
      where carrier_id = ${parcel.carrierId}`;
    expect(checkpoint).toEqual({ seq: 3, retired: 2 });
    expect(await verifyCarrierChain(sql, parcel.carrierId)).toEqual({
      ok: true,
      carrierId: parcel.carrierId,
      rows: 3,
      pending: 0,
      retired: 2,
    });

    // A straggler deleted (it is one the retired rows cannot account for) shows.
    await deleteAuditRow(sql, parcel.carrierId, 2);
    expect(await verifyCarrierChain(sql, parcel.carrierId)).toMatchObject({
      ok: false,
      seq: 4,
      reason: "sequence_gap",
    });
  });

  it("finds the first row after the checkpoint deleted", async () => {
    const now = new Date();
    const parcel = await parcelOf(sql, "first-row");
    await sql`select history_partition('disclosures', 'month', '2023-06-01')`;
    const disclose = (at: string) => discloseAt(sql, parcel, at);
    await disclose("2023-06-02T00:00:00Z");
    await disclose(now.toISOString());
    await disclose(now.toISOString());
    await sequenceCarrier(sql, parcel.carrierId);
    await keepHistory(db, config, now);
    expect(await verifyCarrierChain(sql, parcel.carrierId)).toMatchObject({ ok: true, rows: 2, retired: 1 });
    await deleteAuditRow(sql, parcel.carrierId, 2);
    expect(await verifyCarrierChain(sql, parcel.carrierId)).toMatchObject({
      ok: false,
      seq: 3,
      reason: "sequence_gap",
    });
  });

  it("keeps a partition whose audit rows still await the sequencer", async () => {
    const now = new Date();
    const parcel = await parcelOf(sql, "waiting");
    await sql`select history_partition('disclosures', 'month', '2023-08-01')`;
    await sql`insert into disclosures (parcel_id, viewer_role, fields, created_at)
      values (${parcel.parcelId}, 'courier', '{address}', '2023-08-02')`;
    const { dropped } = await keepHistory(db, config, now);
    expect(dropped.map((p) => p.name)).not.toContain("disclosures_p2023_08");
    await sequenceCarrier(sql, parcel.carrierId);
    expect((await keepHistory(db, config, now)).dropped.map((p) => p.name)).toContain("disclosures_p2023_08");
  });

  it("makes the partitions ahead once, whoever runs it and however often, at the same time", async () => {
    const now = new Date();
    const runs = await Promise.all(Array.from({ length: 4 }, () => ensurePartitionsAhead(db, now)));
    for (const names of runs) expect(names).toEqual(runs[0]);
    const months = (await partitionsOf(db, "parcel_events")).filter((p) => p.to.getTime() > now.getTime());
    expect(months).toHaveLength(4);
    expect(months[0]!.from.getTime()).toBeLessThanOrEqual(now.getTime());
    const days = (await partitionsOf(db, "idempotency_keys")).filter((p) => p.to.getTime() > now.getTime());
    expect(days).toHaveLength(15);
    // Each made once: running again changes nothing.
    await ensurePartitionsAhead(db, now);
    expect((await partitionsOf(db, "parcel_events")).filter((p) => p.to.getTime() > now.getTime())).toEqual(months);
  });

  it("puts each row in its period's partition", async () => {
    const parcel = await parcelOf(sql, "landing");
    const at = new Date();
    await historyAt(sql, at.toISOString(), parcel, "landing");
    const month = `p${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
    const day = `${month}_${String(at.getUTCDate()).padStart(2, "0")}`;
    const [row] = await sql`select
      (select tableoid::regclass::text from parcel_events where place = 'landing') as event,
      (select tableoid::regclass::text from reports where place = 'landing') as report,
      (select tableoid::regclass::text from idempotency_keys where key = 'landing') as key`;
    expect(row).toEqual({
      event: `parcel_events_${month}`,
      report: `reports_${month}`,
      key: `idempotency_keys_${day}`,
    });
  });

  describe("the hot queries' plans", () => {
    /** The relations a plan reads, from EXPLAIN's JSON. */
    async function scanned(query: string, options: { noSeqScan?: boolean } = {}) {
      const plan = await sql.begin(async (tx) => {
        if (options.noSeqScan) await tx`set local enable_seqscan = off`;
        const [row] = await tx.unsafe(`explain (format json) ${query}`);
        return JSON.stringify(row);
      });
      const relations = [...plan.matchAll(/"Relation Name":"([^"]+)"/g)].map((match) => match[1]!);
      return { relations, seqScan: plan.includes('"Node Type":"Seq Scan"') };
    }

    /** The table's partitions that hold rows from `since` on: all a bounded query may read. */
    async function partitionsFrom(table: HistoryTable, since: Date) {
      const all = await partitionsOf(db, table);
      expect(all.length).toBeGreaterThan(3);
      return all.filter((p) => p.to.getTime() > since.getTime()).map((p) => p.name);
    }

    beforeAll(async () => {
      const parcel = await parcelOf(sql, "plans");
      for (const at of ["2024-01-15", "2024-06-15", "2025-03-15", new Date().toISOString()]) {
        await historyAt(sql, at, parcel, `plans-${at}`);
      }
      await sql`analyze`;
    });

    it("the owner's timeline reads only the partitions since the parcel was registered, by index", async () => {
      const since = new Date(Date.now() - 40 * DAY_MS);
      // lib/parcels/timeline.ts: a parcel's events from a day before its registration on.
      const query = `select * from parcel_events where parcel_id = '${crypto.randomUUID()}'
        and recorded_at >= '${since.toISOString()}' order by occurred_at, id`;
      const plain = await scanned(query);
      expect(plain.relations.sort()).toEqual((await partitionsFrom("parcel_events", since)).sort());
      expect((await scanned(query, { noSeqScan: true })).seqScan).toBe(false);
    });

    it("the console's audit log reads only the days asked for, and pages by index without them", async () => {
      const from = new Date(Date.now() - 10 * DAY_MS);
      const carrier = crypto.randomUUID();
      // lib/audit/audit-query.ts: a carrier's rows newest first, by day range or by keyset alone.
      const bounded = `select * from disclosures d where d.carrier_id = '${carrier}'
        and d.created_at >= '${from.toISOString()}' order by d.id desc limit 50`;
      expect((await scanned(bounded)).relations.sort()).toEqual((await partitionsFrom("disclosures", from)).sort());
      const page = `select * from disclosures d where d.carrier_id = '${carrier}' order by d.id desc limit 50`;
      expect((await scanned(page, { noSeqScan: true })).seqScan).toBe(false);
    });

    it("an idempotency lookup reads only the replay window's days", async () => {
      const since = new Date(Date.now() - 7 * DAY_MS);
      // lib/idempotency/idempotency.ts: (scope, key) within the window.
      const query = `select * from idempotency_keys where scope = 'user:x' and key = 'k'
        and created_at > '${since.toISOString()}' order by created_at desc limit 1`;
      const plain = await scanned(query);
      expect(plain.relations.sort()).toEqual((await partitionsFrom("idempotency_keys", since)).sort());
      expect((await scanned(query, { noSeqScan: true })).seqScan).toBe(false);
    });
  });

  it("makes a TRUNCATE of one audit partition fail like one of the whole log", async () => {
    const [partition] = await sql`select history_partition('disclosures', 'month', now()) as name`;
    await expect(sql.unsafe(`truncate ${partition!.name as string}`)).rejects.toThrow(/append-only/);
  });
});
