import type { TransactionSql } from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSql } from "@/db/client";
import { disclosures } from "@/db/schema";
import { auditCsvStream } from "@/lib/audit/audit-export";
import { AUDIT_PAGE_SIZE, listAudit } from "@/lib/audit/audit-list";
import { verifyCarrierChain } from "@/lib/audit/verify";
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

/** Alters the database as an owner would, past the append-only trigger, the way an intruder might. */
async function tamper(statement: (sql: TransactionSql) => Promise<unknown>) {
  await getSql().begin(async (sql) => {
    await sql`alter table disclosures disable trigger disclosures_append_only`;
    await statement(sql);
    await sql`alter table disclosures enable trigger disclosures_append_only`;
  });
}

async function seqsOf(carrierId: string) {
  const rows = await getSql()<{ seq: string; id: string }[]>`
    select chain_seq::text as seq, id::text as id from disclosures where carrier_id = ${carrierId} order by chain_seq`;
  return rows.map((row) => ({ seq: Number(row.seq), id: Number(row.id) }));
}

describe("the audit log's hash chain", () => {
  it("chains the app's own disclosures and concurrent inserts without a fork", async () => {
    const carrier = (await createCarrier()).id;
    const admin = adminOf(await createStaff("admin", carrier));
    const courier = await createStaff("courier", carrier);
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await loadAdminParcel(appDeps(), admin, parcel.code, meta());
    await discloseConcurrently(parcel.id, courier.userId, 24);
    const seqs = (await seqsOf(carrier)).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await verifyCarrierChain(getSql(), carrier)).toEqual({ ok: true, carrierId: carrier, rows: 25 });
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

  it("finds exactly the row altered with SQL", async () => {
    const carrier = (await createCarrier()).id;
    const courier = await createStaff("courier", carrier);
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await discloseConcurrently(parcel.id, courier.userId, 6);
    const rows = await seqsOf(carrier);
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
    const carrier = (await createCarrier()).id;
    const courier = await createStaff("courier", carrier);
    const parcel = await createParcel(carrier, parcelInput(), { status: "registered" });
    await discloseConcurrently(parcel.id, courier.userId, 8);
    const rows = await seqsOf(carrier);
    // Altered and given a hash recomputed with the database's own function: the next row's link breaks.
    await tamper(async (sql) => {
      await sql`update disclosures set fields = '{name}' where id = ${rows[1]!.id}`;
      await sql`update disclosures d set hash = disclosure_hash(d.prev_hash, d) where id = ${rows[1]!.id}`;
    });
    expect(await verifyCarrierChain(getSql(), carrier)).toMatchObject({
      ok: false,
      seq: rows[2]!.seq,
      id: rows[2]!.id,
      reason: "prev_mismatch",
    });

    const other = (await createCarrier()).id;
    const otherParcel = await createParcel(other, parcelInput(), { status: "registered" });
    await discloseConcurrently(otherParcel.id, (await createStaff("courier", other)).userId, 5);
    const otherRows = await seqsOf(other);
    await tamper((sql) => sql`delete from disclosures where id = ${otherRows[2]!.id}`);
    expect(await verifyCarrierChain(getSql(), other)).toMatchObject({
      ok: false,
      seq: otherRows[3]!.seq,
      reason: "sequence_gap",
    });

    const third = (await createCarrier()).id;
    const thirdParcel = await createParcel(third, parcelInput(), { status: "registered" });
    await discloseConcurrently(thirdParcel.id, (await createStaff("courier", third)).userId, 3);
    const thirdRows = await seqsOf(third);
    await tamper((sql) => sql`delete from disclosures where id = ${thirdRows[2]!.id}`);
    expect(await verifyCarrierChain(getSql(), third)).toMatchObject({ ok: false, seq: 3, reason: "head_mismatch" });
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
  });

  it("pages by keyset through every row of the carrier exactly once, newest first", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit(getSql(), mine, { after });
      seen.push(...page.rows.map((row) => row.seq));
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
