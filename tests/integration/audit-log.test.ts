import type { TransactionSql } from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { disclosures } from "@/db/schema";
import { auditCsvStream } from "@/lib/audit/audit-export";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/audit/audit-list";
import { sequenceAuditLog, sequenceCarrier } from "@/lib/audit/sequencer";
import { verifyAllChains, verifyCarrierChain } from "@/lib/audit/verify";
import { loadAdminParcel } from "@/lib/admin/parcel-detail";
import type { SessionUser } from "@/lib/core/session-user";
import { appDeps } from "@/lib/runtime/app-deps";
import { createCarrier, createParcel, createStaff, meta, parcelInput } from "../support/fixtures";

const adminOf = (staff: { userId: string; carrierId: string }): SessionUser => ({
  jti: "test",
  userId: staff.userId,
  role: "admin",
  carrierId: staff.carrierId,
  phoneHash: null,
});

/** `n` audit rows on one parcel, each in its own transaction, all at once. */
async function discloseConcurrently(parcelId: string, viewerUserId: string, n: number) {
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      getDb().transaction(async (tx) => {
        await tx.insert(disclosures).values({
          parcelId,
          viewerUserId,
          viewerRole: "courier",
          fields: ["address", i % 2 ? "memo" : "postalCode"],
          ip: `10.0.0.${i}`,
          userAgent: `agent "${i}", =cmd`,
        });
      }),
    ),
  );
}

/** Alters the database as an owner would, past a trigger (append-only unless named), the way an intruder might. */
async function tamper(statement: (sql: TransactionSql) => Promise<unknown>, trigger = "disclosures_append_only") {
  await getSql().begin(async (sql) => {
    await sql`alter table disclosures disable trigger ${sql(trigger)}`;
    await statement(sql);
    await sql`alter table disclosures enable trigger ${sql(trigger)}`;
  });
}

/** The carrier's rows by id: sequenced ones with their place, waiting ones with seq 0. */
async function seqsOf(carrierId: string) {
  const rows = await getSql()<{ seq: string | null; id: string }[]>`
    select chain_seq::text as seq, id::text as id from disclosures d where carrier_id = ${carrierId} order by d.id`;
  return rows.map((row) => ({ seq: Number(row.seq ?? 0), id: Number(row.id) }));
}

/** `n` concurrent rows of a new carrier, all linked into its chain. */
async function sequencedCarrier(n: number) {
  const carrier = (await createCarrier()).id;
  const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
  await discloseConcurrently(parcel.id, (await createStaff("courier", carrier)).userId, n);
  await sequenceCarrier(getSql(), carrier);
  return { carrier, parcel, rows: await seqsOf(carrier) };
}

describe("the audit log's hash chain", () => {
  it("chains the app's own disclosures and concurrent inserts without a fork", async () => {
    const carrier = (await createCarrier()).id;
    const admin = adminOf(await createStaff("admin", carrier));
    const courier = await createStaff("courier", carrier);
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await loadAdminParcel(appDeps(), admin, parcel.code, meta());
    await discloseConcurrently(parcel.id, courier.userId, 24);
    expect((await seqsOf(carrier)).map((row) => row.seq)).toEqual(Array(25).fill(0));
    expect(await verifyCarrierChain(getSql(), carrier)).toEqual({
      ok: true,
      carrierId: carrier,
      rows: 0,
      pending: 25,
      retired: 0,
    });
    // Sequencers of several servers at once: one links the rows, the others find the lock held or nothing left.
    const linked = await Promise.all(Array.from({ length: 4 }, () => sequenceCarrier(getSql(), carrier)));
    expect(linked.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(25);
    const seqs = (await seqsOf(carrier)).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyCarrierChain(getSql(), carrier)).toEqual({
      ok: true,
      carrierId: carrier,
      rows: 25,
      pending: 0,
      retired: 0,
    });
    // Later rows continue the chain from its head.
    await discloseConcurrently(parcel.id, courier.userId, 3);
    expect(await sequenceAuditLog(getSql())).toBeGreaterThanOrEqual(3);
    expect(await verifyCarrierChain(getSql(), carrier)).toEqual({
      ok: true,
      carrierId: carrier,
      rows: 28,
      pending: 0,
      retired: 0,
    });
    expect(await verifyAllChains(getSql(), carrier)).toMatchObject([{ ok: true, rows: 28, pending: 0 }]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE through the app's connection", async () => {
    const carrier = (await createCarrier()).id;
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await getDb()
      .insert(disclosures)
      .values({ parcelId: parcel.id, viewerRole: "admin", fields: ["name"] });
    const appendOnly = /append-only/;
    await expect(getSql()`update disclosures set ip = '1.2.3.4' where parcel_id = ${parcel.id}`).rejects.toThrow(
      appendOnly,
    );
    await expect(getSql()`delete from disclosures where parcel_id = ${parcel.id}`).rejects.toThrow(appendOnly);
    await expect(getSql()`truncate disclosures`).rejects.toThrow(appendOnly);
    // Deleting the parcel would cascade into the log: refused as well.
    await expect(getSql()`delete from parcels where id = ${parcel.id}`).rejects.toThrow(appendOnly);
    const [row] = await getSql()`select count(*)::int as n from disclosures where parcel_id = ${parcel.id}`;
    expect(row!.n).toBe(1);
  });

  it("lets only the sequencer's own update through: once, from NULL, with a matching link, nothing else changed", async () => {
    const carrier = (await createCarrier()).id;
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await getDb()
      .insert(disclosures)
      .values({ parcelId: parcel.id, viewerRole: "admin", fields: ["name"], chainSeq: 7, hash: "forged" });
    const [row] = await getSql()<{ id: string; seq: string | null; content: string }[]>`
      select id::text as id, chain_seq::text as seq, content_hash as content from disclosures where parcel_id = ${parcel.id}`;
    expect(row!.seq).toBeNull(); // an insert cannot place itself in the chain
    const sql = getSql();
    const zeros = "0".repeat(64);
    const link = sql`audit_link_hash(${zeros}, 1, ${row!.content})`;
    const appendOnly = /append-only/;
    await expect(
      sql`update disclosures set chain_seq = 1, prev_hash = ${zeros}, hash = 'forged' where id = ${row!.id}`,
    ).rejects.toThrow(appendOnly);
    await expect(
      sql`update disclosures set chain_seq = 1, prev_hash = ${zeros}, hash = ${link}, ip = '1.2.3.4' where id = ${row!.id}`,
    ).rejects.toThrow(appendOnly);
    // While another session holds the carrier's sequencer lock, nobody else links its rows.
    await sql.begin(async (holder) => {
      await holder`select pg_advisory_xact_lock(audit_sequencer_key(${carrier}))`;
      await expect(
        sql`update disclosures set chain_seq = 1, prev_hash = ${zeros}, hash = ${link} where id = ${row!.id}`,
      ).rejects.toThrow(appendOnly);
    });
    expect(await sequenceCarrier(sql, carrier)).toBe(1);
    await expect(sql`update disclosures set chain_seq = 2 where id = ${row!.id}`).rejects.toThrow(appendOnly);
    await expect(
      sql`update disclosures set chain_seq = null, prev_hash = null, hash = null where id = ${row!.id}`,
    ).rejects.toThrow(appendOnly);
    expect(await verifyCarrierChain(sql, carrier)).toEqual({
      ok: true,
      carrierId: carrier,
      rows: 1,
      pending: 0,
      retired: 0,
    });
  });

  it("finds exactly the row altered with SQL", async () => {
    const { carrier, rows } = await sequencedCarrier(6);
    const victim = rows[3]!;
    await tamper((sql) => sql`update disclosures set ip = '203.0.113.9' where id = ${victim.id}`);
    expect(await verifyCarrierChain(getSql(), carrier)).toMatchObject({
      ok: false,
      seq: victim.seq,
      id: victim.id,
      reason: "hash_mismatch",
    });
  });

  it("finds a re-hashed row by its broken link, a deleted row by the gap, a deleted tail by the head", async () => {
    const { carrier, rows } = await sequencedCarrier(8);
    // Altered and given hashes recomputed with the database's own functions: the next row's link breaks.
    await tamper(async (sql) => {
      await sql`update disclosures set fields = '{name}' where id = ${rows[1]!.id}`;
      await sql`update disclosures d set content_hash = audit_content_hash(d) where id = ${rows[1]!.id}`;
      await sql`update disclosures d set hash = audit_link_hash(d.prev_hash, d.chain_seq, d.content_hash)
        where id = ${rows[1]!.id}`;
    });
    expect(await verifyCarrierChain(getSql(), carrier)).toMatchObject({
      ok: false,
      seq: rows[2]!.seq,
      id: rows[2]!.id,
      reason: "prev_mismatch",
    });

    const other = await sequencedCarrier(5);
    await tamper((sql) => sql`delete from disclosures where id = ${other.rows[2]!.id}`);
    expect(await verifyCarrierChain(getSql(), other.carrier)).toMatchObject({
      ok: false,
      seq: other.rows[3]!.seq,
      reason: "sequence_gap",
    });

    const third = await sequencedCarrier(3);
    await tamper((sql) => sql`delete from disclosures where id = ${third.rows[2]!.id}`);
    expect(await verifyCarrierChain(getSql(), third.carrier)).toMatchObject({
      ok: false,
      seq: 3,
      reason: "head_mismatch",
    });
  });

  it("finds a row altered while it awaits sequencing, before and after the sequencer links it", async () => {
    const carrier = (await createCarrier()).id;
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await discloseConcurrently(parcel.id, (await createStaff("courier", carrier)).userId, 4);
    const victim = (await seqsOf(carrier))[2]!;
    await tamper((sql) => sql`update disclosures set fields = '{name}' where id = ${victim.id}`);
    expect(await verifyCarrierChain(getSql(), carrier)).toEqual({
      ok: false,
      carrierId: carrier,
      rows: 0,
      seq: null,
      id: victim.id,
      reason: "pending_altered",
    });
    // The sequencer links the content hash written at insert, so the altered content still shows.
    expect(await sequenceCarrier(getSql(), carrier)).toBe(4);
    expect(await verifyCarrierChain(getSql(), carrier)).toMatchObject({
      ok: false,
      seq: 3,
      id: victim.id,
      reason: "hash_mismatch",
    });
  });

  it("finds rows inserted past the insert trigger: a made-up content hash, or a place forged in the chain", async () => {
    const first = await sequencedCarrier(2);
    /** A row written with both triggers off, its content hash and chain columns as the intruder chooses. */
    const forge = (target: typeof first, chain: (sql: TransactionSql, id: number) => Promise<unknown>) =>
      getSql().begin(async (sql) => {
        await sql`alter table disclosures disable trigger disclosures_seal`;
        await sql`alter table disclosures disable trigger disclosures_append_only`;
        const [row] = await sql<{ id: number }[]>`
          insert into disclosures (parcel_id, carrier_id, viewer_role, fields, content_hash)
          values (${target.parcel.id}, ${target.carrier}, 'admin', '{name,phone}', ${"0".repeat(64)})
          returning id::int as id`;
        await chain(sql, row!.id);
        await sql`alter table disclosures enable trigger disclosures_seal`;
        await sql`alter table disclosures enable trigger disclosures_append_only`;
        return row!.id;
      });
    const madeUp = await forge(first, async () => undefined);
    expect(await verifyCarrierChain(getSql(), first.carrier)).toMatchObject({
      ok: false,
      seq: null,
      id: madeUp,
      reason: "pending_altered",
    });

    // A true content hash and a valid link after the last row, but the head was not moved.
    const second = await sequencedCarrier(2);
    await forge(second, async (sql, id) => {
      await sql`update disclosures d set content_hash = audit_content_hash(d) where id = ${id}`;
      await sql`update disclosures d set chain_seq = 3, prev_hash = h.hash, hash = audit_link_hash(h.hash, 3, d.content_hash)
        from audit_chain_heads h where h.carrier_id = d.carrier_id and d.id = ${id}`;
    });
    expect(await verifyCarrierChain(getSql(), second.carrier)).toMatchObject({
      ok: false,
      seq: 3,
      reason: "head_mismatch",
    });
  });
});

describe("the console's audit log", () => {
  let mine: string;
  let theirs: string;
  let courier: { userId: string };
  let code: string;
  let otherCode: string;
  beforeAll(async () => {
    mine = (await createCarrier()).id;
    theirs = (await createCarrier()).id;
    courier = await createStaff("courier", mine);
    const admin = await createStaff("admin", mine);
    const parcel = await createParcel(mine, parcelInput(), { status: "registered" });
    const other = await createParcel(mine, parcelInput(), { status: "registered" });
    code = parcel.code;
    otherCode = other.code;
    await discloseConcurrently(parcel.id, courier.userId, AUDIT_PAGE_SIZE + 5);
    await getDb()
      .insert(disclosures)
      .values({
        parcelId: other.id,
        viewerUserId: admin.userId,
        viewerRole: "admin",
        fields: ["name", "phone"],
      });
    const theirParcel = await createParcel(theirs, parcelInput(), { status: "registered" });
    await getDb()
      .insert(disclosures)
      .values({ parcelId: theirParcel.id, viewerRole: "admin", fields: ["name"] });
    await sequenceCarrier(getSql(), mine);
    await sequenceCarrier(getSql(), theirs);
  });

  it("lists a row at once, before the sequencer gives it a place and a hash", async () => {
    const carrier = (await createCarrier()).id;
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await getDb()
      .insert(disclosures)
      .values({ parcelId: parcel.id, viewerRole: "admin", fields: ["name"] });
    const [waiting] = (await listAudit(getSql(), carrier, {})).rows;
    expect(waiting).toMatchObject({ code: parcel.code, seq: null, hash: null });
    await sequenceCarrier(getSql(), carrier);
    expect((await listAudit(getSql(), carrier, {})).rows[0]).toMatchObject({ id: waiting!.id, seq: "1" });
  });

  it("pages by keyset through every row of the carrier exactly once, newest first", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit(getSql(), mine, { after });
      seen.push(...page.rows.map((row) => row.seq ?? ""));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(2);
    expect(seen).toEqual(Array.from({ length: AUDIT_PAGE_SIZE + 6 }, (_, i) => String(AUDIT_PAGE_SIZE + 6 - i)));
  });

  it("filters by courier, parcel and day", async () => {
    expect((await listAudit(getSql(), mine, { courier: courier.userId, parcel: code })).rows).toHaveLength(
      AUDIT_PAGE_SIZE,
    );
    const byParcel = await listAudit(getSql(), mine, { parcel: otherCode });
    expect(byParcel.rows.map((row) => [row.code, row.viewerRole, row.fields])).toEqual([
      [otherCode, "admin", ["name", "phone"]],
    ]);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect((await listAudit(getSql(), mine, { from: today, to: today })).rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect((await listAudit(getSql(), mine, { to: "2020-01-01" })).rows).toEqual([]);
    expect((await listAudit(getSql(), mine, { parcel: "not a code" })).rows).toEqual([]);
  });

  it("never shows another carrier's rows: an admin of B sees none of A's, by any filter", async () => {
    expect((await listAudit(getSql(), theirs, {})).rows).toHaveLength(1);
    expect((await listAudit(getSql(), theirs, { parcel: code })).rows).toEqual([]);
    expect((await listAudit(getSql(), theirs, { courier: courier.userId })).rows).toEqual([]);
    const csv = await new Response(auditCsvStream(getSql(), theirs, {})).text();
    expect(csv).not.toContain(code);
    expect(csv.trim().split("\r\n")).toHaveLength(2);
  });

  it("exports the matching rows as CSV, quoted, formulas defused", async () => {
    const bytes = Buffer.from(await new Response(auditCsvStream(getSql(), mine, { courier: courier.userId })).bytes());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, for spreadsheet tools
    const csv = bytes.subarray(3).toString("utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(
      '"seq","at","parcel_code","viewer_role","viewer","fields","ip","user_agent","prev_hash","hash"',
    );
    expect(lines).toHaveLength(AUDIT_PAGE_SIZE + 5 + 1);
    expect(lines[1]).toContain(`"${code}","courier"`);
    expect(csv).toContain('"agent ""0"", =cmd"');
    expect(csv).not.toMatch(/"=/);
  });
});
