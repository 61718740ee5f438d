import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { env } from "@/lib/config/env";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** What `db.transaction` hands its callback: lib functions that must run inside one take this. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Opens a pool with our settings; scripts and tests that need their own pool use this too. */
export function connect(url: string, options: { max?: number } = {}): { sql: Sql; db: Database } {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Fail a request quickly when PostgreSQL is gone instead of queueing it forever.
    connect_timeout: 5,
    idle_timeout: 60,
    onnotice: () => {},
  });
  return { sql, db: drizzle(sql, { schema, casing: "snake_case" }) };
}

// Created on first use, never at import time (an import-time client breaks `next build`),
// and kept on globalThis so hot reloads in development do not open pool after pool.
const cache = globalThis as unknown as { exqressDb?: { sql: Sql; db: Database } };

function pool() {
  cache.exqressDb ??= connect(env().DATABASE_URL);
  return cache.exqressDb;
}

/** The app's one drizzle client. */
export function getDb(): Database {
  return pool().db;
}

/** The raw postgres.js client behind it, for health checks and hand-written SQL. */
export function getSql(): Sql {
  return pool().sql;
}
