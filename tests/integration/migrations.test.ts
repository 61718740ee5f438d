import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { runMigrations } from "@/db/migrate";
import { scratchDatabase } from "../support/services";

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
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual([
        "api_keys",
        "carriers",
        "disclosures",
        "idempotency_keys",
        "parcel_events",
        "parcels",
        "users",
      ]);
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from drizzle.__drizzle_migrations`;
      expect(row?.count).toBeGreaterThan(0);
      const codeIndex = await sql`select 1 from pg_indexes where indexname = 'parcels_code_key'`;
      expect(codeIndex).toHaveLength(1);
    } finally {
      await sql.end();
    }
  });
});
