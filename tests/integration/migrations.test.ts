import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { migrationsFolder, runMigrations } from "@/db/migrate";
import { sequenceCarrier } from "@/lib/audit/sequencer";
import { verifyCarrierChain } from "@/lib/audit/verify";
import { scratchDatabase } from "../support/services";

/** A copy of the migrations folder that stops after `tag`, to build a database as it was then. */
function migrationsUpTo(tag: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "exqress-migrations-"));
  fs.cpSync(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag}`);
  fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return folder;
}

/** What the verifier reports for a carrier's intact chain: `rows` linked, `pending` awaiting the sequencer. */
const intactChain = (carrierId: string, rows: number, pending: number) => ({
  ok: true,
  carrierId,
  rows,
  pending,
  retired: 0,
});

describe("migrations", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    database = await scratchDatabase("migrate");
  });
  afterAll(async () => database.drop());

  it("apply to an empty database, and again as a no-op", async () => {
    await runMigrations(database.url);
    await runMigrations(database.url);
    const sql = postgres(database.url, { max: 1 });
    try {
      const tables = await sql<{ table_name: string }[]>`
        select table_name from information_schema.tables t
        where table_schema = 'public'
          and not exists (select 1 from pg_class c where c.oid = format('%I', t.table_name)::regclass and c.relispartition)
        order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual([
        "api_keys",
        "audit_chain_checkpoints",
        "audit_chain_heads",
        "carriers",
        "disclosures",
        "idempotency_keys",
        "import_chunks",
        "import_errors",
        "imports",
        "message_reads",
        "messages",
        "parcel_events",
        "parcel_proofs",
        "parcels",
        "postal_rules",
        "push_subscriptions",
        "registrations",
        "reports",
        "users",
        "webhook_deliveries",
        "webhook_endpoints",
      ]);
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations`;
      expect(row?.count).toBeGreaterThan(0);
      const codeIndex = await sql`select 1 from pg_indexes where indexname = 'parcels_code_key'`;
      expect(codeIndex).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });

  it("0002 turns existing `registered` events into registrations, one per batch, and keeps every other event", async () => {
    const old = await scratchDatabase("migrate-0002");
    const sql = postgres(old.url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo("0001_courier_index_assigned_only") });
      const [carrier] = await sql`insert into carriers (name) values ('Old Express') returning id`;
      const [key] = await sql`
        insert into api_keys (carrier_id, name, prefix, key_hash) values (${carrier!.id}, 'k', 'p', 'h') returning id`;
      const parcel = async (code: string, createdAt: string) => {
        const [row] = await sql`
          insert into parcels (code, carrier_id, recipient_phone_hash, masked_name, masked_phone, masked_address, created_at)
          values (${code}, ${carrier!.id}, 'h', '*', '*', '*', ${createdAt}) returning id`;
        return row!.id as string;
      };
      const event = (parcelId: string, status: string, at: string, actor: string | null) =>
        sql`insert into parcel_events (parcel_id, status, actor_api_key_id, occurred_at)
            values (${parcelId}, ${status}::parcel_status, ${actor}, ${at})`;
      // Two parcels of one batch, one of another batch a minute later, and one seeded without any event.
      const batchAt = "2026-01-01T09:00:00Z";
      const [a, b, c, d] = [
        await parcel("A", batchAt),
        await parcel("B", batchAt),
        await parcel("C", "2026-01-01T09:01:00Z"),
        await parcel("D", "2026-01-01T08:00:00Z"),
      ];
      await event(a, "registered", batchAt, key!.id);
      await event(b, "registered", batchAt, key!.id);
      await event(c, "registered", "2026-01-01T09:01:00Z", key!.id);
      await event(a, "picked_up", "2026-01-01T10:00:00Z", null);

      await runMigrations(old.url);

      const rows = await sql`
        select p.code, r.api_key_id, r.parcel_count, (r.created_at at time zone 'UTC')::text as created_at
        from parcels p join registrations r on r.id = p.registration_id order by p.code`;
      expect(rows.map((row) => [row.code, row.api_key_id, row.parcel_count, row.created_at])).toEqual([
        ["A", key!.id, 2, "2026-01-01 09:00:00"],
        ["B", key!.id, 2, "2026-01-01 09:00:00"],
        ["C", key!.id, 1, "2026-01-01 09:01:00"],
        ["D", null, 1, "2026-01-01 08:00:00"],
      ]);
      const events = await sql`select parcel_id, status from parcel_events`;
      expect(events.map((row) => [row.parcel_id, row.status])).toEqual([[a, "picked_up"]]);
      expect(d).toBeTruthy();

      // From now on a parcel's carrier must be its registration's, and exist.
      const [other] = await sql`insert into carriers (name) values ('Other Express') returning id`;
      const [registration] = await sql`select registration_id as id from parcels where code = 'A'`;
      const misfiled = sql`
        insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address)
        values ('E', ${other!.id}, ${registration!.id}, 'h', '*', '*', '*')`;
      await expect(misfiled).rejects.toMatchObject({ code: "23503" });
    } finally {
      await sql.end();
      await old.drop();
    }
  });

  it("0009 chains the audit rows already there, per carrier in time order, and new rows after them", async () => {
    const old = await scratchDatabase("migrate-0009");
    const sql = postgres(old.url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo("0007_carrier_console") });
      const carrierWithParcel = async (name: string, code: string) => {
        const [carrier] = await sql`insert into carriers (name) values (${name}) returning id`;
        const [registration] = await sql`insert into registrations (carrier_id) values (${carrier!.id}) returning id`;
        const [parcel] = await sql`
          insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address)
          values (${code}, ${carrier!.id}, ${registration!.id}, 'h', '*', '*', '*') returning id`;
        return { carrierId: carrier!.id as string, parcelId: parcel!.id as string };
      };
      const a = await carrierWithParcel("A Express", "AAAA");
      const b = await carrierWithParcel("B Express", "BBBB");
      const disclose = (parcelId: string, at: string) =>
        sql`insert into disclosures (parcel_id, viewer_role, fields, created_at) values (${parcelId}, 'admin', '{name}', ${at})`;
      await disclose(a.parcelId, "2026-01-01T10:00:00Z");
      await disclose(b.parcelId, "2026-01-01T09:00:00Z");
      await disclose(a.parcelId, "2026-01-01T09:00:00Z");

      await runMigrations(old.url);

      const rows = await sql`
        select carrier_id, chain_seq::int as seq, (created_at at time zone 'UTC')::text as at from disclosures order by id`;
      expect(rows.map((row) => [row.carrier_id, row.seq, row.at])).toEqual([
        [a.carrierId, 2, "2026-01-01 10:00:00"],
        [b.carrierId, 1, "2026-01-01 09:00:00"],
        [a.carrierId, 1, "2026-01-01 09:00:00"],
      ]);
      await disclose(a.parcelId, "2026-01-02T09:00:00Z");
      await sequenceCarrier(sql, a.carrierId);
      expect(await verifyCarrierChain(sql, a.carrierId)).toEqual(intactChain(a.carrierId, 3, 0));
      expect(await verifyCarrierChain(sql, b.carrierId)).toEqual(intactChain(b.carrierId, 1, 0));
    } finally {
      await sql.end();
      await old.drop();
    }
  });

  it("0015 keeps the rows chained one by one valid, and the sequencer continues their chain", async () => {
    const old = await scratchDatabase("migrate-0015");
    const sql = postgres(old.url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo("0014_webhooks_and_key_scopes") });
      const [carrier] = await sql`insert into carriers (name) values ('A Express') returning id`;
      const [registration] = await sql`insert into registrations (carrier_id) values (${carrier!.id}) returning id`;
      const [parcel] = await sql`
        insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address)
        values ('AAAA', ${carrier!.id}, ${registration!.id}, 'h', '*', '*', '*') returning id`;
      const disclose = () =>
        sql`insert into disclosures (parcel_id, viewer_role, fields, ip) values (${parcel!.id}, 'courier', '{address,memo}', '10.0.0.1')`;
      await disclose();
      await disclose();

      await runMigrations(old.url);

      const carrierId = carrier!.id as string;
      expect(await verifyCarrierChain(sql, carrierId)).toEqual(intactChain(carrierId, 2, 0));
      await disclose();
      expect(await verifyCarrierChain(sql, carrierId)).toEqual(intactChain(carrierId, 2, 1));
      expect(await sequenceCarrier(sql, carrierId)).toBe(1);
      expect(await verifyCarrierChain(sql, carrierId)).toEqual(intactChain(carrierId, 3, 0));
      // An old row altered still shows, by the first version of the hash.
      await sql.begin(async (tx) => {
        await tx`alter table disclosures disable trigger disclosures_append_only`;
        await tx`update disclosures set ip = '10.9.9.9' where chain_seq = 1 and carrier_id = ${carrierId}`;
        await tx`alter table disclosures enable trigger disclosures_append_only`;
      });
      expect(await verifyCarrierChain(sql, carrierId)).toMatchObject({ ok: false, seq: 1, reason: "hash_mismatch" });
    } finally {
      await sql.end();
      await old.drop();
    }
  });

  it("0010 starts a thread's current courier no earlier than they can have been assigned; a change of courier moves it", async () => {
    const old = await scratchDatabase("migrate-0010");
    const sql = postgres(old.url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo("0009_audit_chain") });
      const [carrier] = await sql`insert into carriers (name) values ('A Express') returning id`;
      const user = async (role: string, login: string) => {
        const staff = role !== "recipient";
        const [row] = await sql`insert into users (role, carrier_id, email, phone_hash, password_hash)
          values (${role}, ${staff ? carrier!.id : null}, ${staff ? login : null}, ${staff ? null : login}, 'x') returning id`;
        return row!.id as string;
      };
      const [first, second, owner] = [
        await user("courier", "first@test.local"),
        await user("courier", "second@test.local"),
        await user("recipient", "owner-phone-hash"),
      ];
      const [registration] = await sql`insert into registrations (carrier_id) values (${carrier!.id}) returning id`;
      const parcel = async (code: string) =>
        (
          await sql`
          insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address, courier_id)
          values (${code}, ${carrier!.id}, ${registration!.id}, 'h', '*', '*', '*', ${second}) returning id`
        )[0]!.id as string;
      const [handedOver, silent, untouched] = [await parcel("AAAA"), await parcel("BBBB"), await parcel("CCCC")];
      const message = (parcelId: string, sender: string, role: string, at: string) =>
        sql`insert into messages (parcel_id, sender_user_id, sender_role, body_key_id, body_ciphertext, created_at)
          values (${parcelId}, ${sender}, ${role}, 'k', ${Buffer.from([0])}, ${at})`;
      await message(handedOver, first, "courier", "2026-01-01T09:00:00Z");
      await message(handedOver, owner, "recipient", "2026-01-01T09:05:00Z");
      await message(handedOver, second, "courier", "2026-01-01T11:00:00Z");
      await message(silent, first, "courier", "2026-01-01T09:00:00Z");
      await message(untouched, second, "courier", "2026-01-01T09:00:00Z");

      await runMigrations(old.url);

      const assignedAt = async (id: string) =>
        (await sql`select (courier_assigned_at at time zone 'UTC')::text as at from parcels where id = ${id}`)[0]!.at;
      const recent = async (id: string) =>
        (
          await sql`select courier_assigned_at > now() - interval '1 minute' as recent from parcels where id = ${id}`
        )[0]!.recent;
      // The recipient's 09:05 may have been to the first courier: the second sees from their own first message.
      expect(await assignedAt(handedOver)).toBe("2026-01-01 11:00:00");
      expect(await recent(silent)).toBe(true);
      expect(await assignedAt(untouched)).toBeNull();
      await sql`update parcels set courier_id = ${first} where id = ${untouched}`;
      expect(await recent(untouched)).toBe(true);
    } finally {
      await sql.end();
      await old.drop();
    }
  });
  it("0017 moves every history row into its month's (or day's) partition, and the tables keep working", async () => {
    const old = await scratchDatabase("migrate-0017");
    const sql = postgres(old.url, { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo("0015_audit_sequencer") });
      const [carrier] = await sql`insert into carriers (name) values ('A Express') returning id`;
      const carrierId = carrier!.id as string;
      const [courier] = await sql`insert into users (role, carrier_id, email, password_hash)
        values ('courier', ${carrierId}, 'c@test.local', 'x') returning id`;
      const [registration] = await sql`insert into registrations (carrier_id) values (${carrierId}) returning id`;
      const [parcel] = await sql`
        insert into parcels (code, carrier_id, registration_id, recipient_phone_hash, masked_name, masked_phone, masked_address)
        values ('AAAA', ${carrierId}, ${registration!.id}, 'h', '*', '*', '*') returning id`;
      const [upload] = await sql`insert into imports (carrier_id, mode, encoding, created_at)
        values (${carrierId}, 'all', 'utf-8', '2025-05-05T00:00:00Z') returning id`;
      const recently = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
      await sql`insert into idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
        values ('s', 'recent', 'h', 201, '{}', ${recently.toISOString()})`;
      for (const at of ["2025-05-05T00:00:00Z", "2025-07-31T23:59:59Z"]) {
        await sql`insert into parcel_events (parcel_id, status, occurred_at, recorded_at) values (${parcel!.id}, 'in_transit', ${at}, ${at})`;
        await sql`insert into disclosures (parcel_id, viewer_user_id, viewer_role, fields, created_at)
          values (${parcel!.id}, ${courier!.id}, 'courier', '{address}', ${at})`;
        await sql`insert into messages (parcel_id, sender_user_id, sender_role, body_key_id, body_ciphertext, created_at)
          values (${parcel!.id}, ${courier!.id}, 'courier', 'k1', '\\x00', ${at})`;
        await sql`insert into reports (reference, parcel_id, carrier_id, kind, created_at)
          values (${`R-${at}`}, ${parcel!.id}, ${carrierId}, 'found', ${at})`;
        await sql`insert into idempotency_keys (scope, key, request_hash, response_status, response_body, created_at)
          values ('s', ${at}, 'h', 201, '{}', ${at})`;
      }
      await sql`insert into import_chunks (import_id, seq, pii_key_id, ciphertext) values (${upload!.id}, 1, 'k1', '\\x00')`;
      await sql`insert into import_errors (import_id, row, field, message) values (${upload!.id}, 2, 'phone', 'bad')`;
      await sequenceCarrier(sql, carrierId);

      await runMigrations(old.url);

      const placed = await sql<{ table: string; partition: string }[]>`
        select 'parcel_events' as table, tableoid::regclass::text as partition from parcel_events
        union all select 'disclosures', tableoid::regclass::text from disclosures
        union all select 'messages', tableoid::regclass::text from messages
        union all select 'reports', tableoid::regclass::text from reports
        union all select 'idempotency_keys', tableoid::regclass::text from idempotency_keys
        union all select 'import_chunks', tableoid::regclass::text from import_chunks
        union all select 'import_errors', tableoid::regclass::text from import_errors
        order by 1, 2`;
      const both = (table: string) => [
        { table, partition: `${table}_p2025_05` },
        { table, partition: `${table}_p2025_07` },
      ];
      expect(placed).toEqual([
        ...both("disclosures"),
        // Keys past their week's replay window are not moved.
        {
          table: "idempotency_keys",
          partition: `idempotency_keys_p${recently.toISOString().slice(0, 10).replaceAll("-", "_")}`,
        },
        // The import rows take their import's time.
        { table: "import_chunks", partition: "import_chunks_p2025_05" },
        { table: "import_errors", partition: "import_errors_p2025_05" },
        ...both("messages"),
        ...both("parcel_events"),
        ...both("reports"),
      ]);
      // The audit chain still holds and continues; ids continue from the moved rows'.
      expect(await verifyCarrierChain(sql, carrierId)).toEqual(intactChain(carrierId, 2, 0));
      const [next] = await sql`insert into disclosures (parcel_id, viewer_role, fields)
        values (${parcel!.id}, 'courier', '{address}') returning id::int as id, tableoid::regclass::text as partition`;
      expect(next!.id).toBe(3);
      expect(await sequenceCarrier(sql, carrierId)).toBe(1);
      expect(await verifyCarrierChain(sql, carrierId)).toMatchObject({ ok: true, rows: 3 });
      await expect(sql`update disclosures set ip = 'x' where id = 1`).rejects.toThrow(/append-only/);
      const [event] = await sql`insert into parcel_events (parcel_id, status, occurred_at)
        values (${parcel!.id}, 'delivered', now()) returning id::int as id`;
      expect(event!.id).toBe(3);
    } finally {
      await sql.end();
      await old.drop();
    }
  });
});
