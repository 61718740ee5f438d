import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@/db/migrate";
import { DEMO_API_KEY, DEMO_LOGINS, seedDemoDataIfEmpty } from "@/scripts/seed";
import { hashApiKey } from "@/lib/api-keys/hash";
import { verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/config/env";
import { scratchDatabase } from "../support/services";

describe("demo seed", () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let sql: postgres.Sql;
  beforeAll(async () => {
    database = await scratchDatabase("seed");
    await runMigrations(database.url);
    sql = postgres(database.url, { max: 1 });
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  it("seeds an empty database once, even when two starts race", async () => {
    const config = { ...env(), DATABASE_URL: database.url };
    const results = await Promise.all([seedDemoDataIfEmpty(config), seedDemoDataIfEmpty(config)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await seedDemoDataIfEmpty(config)).toBe(false);
    const [counts] = await sql`select (select count(*)::int from carriers) as carriers,
      (select count(*)::int from users) as users, (select count(*)::int from parcels) as parcels`;
    expect(counts).toEqual({ carriers: 1, users: 3, parcels: 4 });
  });

  it("stores the demo logins hashed with argon2id and the API key hashed", async () => {
    for (const { login, password } of DEMO_LOGINS.filter((l) => l.login.includes("@"))) {
      const [user] = await sql`select password_hash from users where email = ${login}`;
      expect(user!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(user!.password_hash, password)).toBe(true);
      expect(await verifyPassword(user!.password_hash, `${password}x`)).toBe(false);
    }
    const keys = await sql`select key_hash from api_keys`;
    expect(keys.map((k) => k.key_hash)).toEqual([hashApiKey(DEMO_API_KEY)]);
  });

  it("keeps no recipient data in clear anywhere in the parcel rows", async () => {
    const rows =
      await sql`select row_to_json(p)::text as json, encode(pii_ciphertext, 'escape') as blob from parcels p`;
    const plaintexts = [
      "홍길동",
      "길동",
      "0000-0001",
      "00000001",
      "오목로 150",
      "211동",
      "1203호",
      "11657",
      "문 앞에",
      "김민수",
    ];
    for (const { json, blob } of rows) {
      for (const text of plaintexts) {
        expect(json).not.toContain(text);
        expect(blob).not.toContain(text);
      }
    }
    expect(rows.map((r) => JSON.parse(r.json).masked_name)).toContain("홍*동");
  });
});
