import "server-only";
import net from "node:net";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";
import { env } from "@/lib/config/env";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** What `db.transaction` hands its callback: lib functions that must run inside one take this. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * postgres.js leaves Nagle's algorithm on (libpq, node-postgres and JDBC turn it off), so a
 * short message sent right behind a long one, such as the end of a COPY after its rows, waits
 * for PostgreSQL's delayed ACK: up to 40 ms each time. For a URL with one TCP host the pool
 * opens its sockets itself, the same way but with TCP_NODELAY (`host` is what postgres.js
 * reads for TLS's server name); for anything else (several hosts, a Unix socket) it keeps
 * postgres.js's own.
 */
function socketWithoutDelay(url: string): { socket: () => net.Socket } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // e.g. postgres://a:5432,b:5432/db: several hosts
  }
  const several = parsed.hostname.includes(","); // postgres://a,b/db
  if (!parsed.hostname || several || parsed.searchParams.has("host")) return undefined;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1"); // [::1] → ::1
  const port = Number(parsed.port || 5432);
  return { socket: () => Object.assign(net.connect({ host, port, noDelay: true }), { host }) };
}

/**
 * How this process's connections are named in pg_stat_activity: the metrics count them by state
 * from there (postgres.js does not expose its pool's counts).
 */
export const APPLICATION_NAME = `exqress-${process.pid}`;

/** Opens a pool with our settings; scripts and tests that need their own pool use this too. */
export function connect(url: string, options: { max?: number } = {}): { sql: Sql; db: Database } {
  const settings = {
    max: options.max ?? 10,
    // Fail a request quickly when PostgreSQL is gone instead of queueing it forever.
    connect_timeout: 5,
    // Between reconnect attempts. postgres.js's default grows with every failure of any connection
    // of the pool, up to 20 s, so after a restart with traffic the pool would keep waiting out that delay
    // (requests failing with CONNECT_TIMEOUT) long after PostgreSQL is back. At most 1 s here.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: APPLICATION_NAME },
    // Not in postgres.js's types, but documented ("Custom socket" in its README).
    ...socketWithoutDelay(url),
  };
  const sql = postgres(url, settings);
  return { sql, db: drizzle(sql, { schema, casing: "snake_case" }) };
}

// Created on first use, never at import time (an import-time client breaks `next build`),
// and kept on globalThis so hot reloads in development do not open pool after pool.
const cache = globalThis as unknown as {
  exqressDb?: { sql: Sql; db: Database };
  exqressReadDb?: { sql: Sql; db: Database };
};

function pool() {
  cache.exqressDb ??= connect(env().DATABASE_URL);
  return cache.exqressDb;
}

/** The app's one drizzle client. */
export function getDb(): Database {
  return pool().db;
}

/**
 * The client for reads that may lag behind the last write by a replica's delay: lists and
 * timelines a person reads, never a read that decides who may see or change something (those
 * stay on getDb(), which sees every committed write). With DATABASE_READ_URL unset it is getDb().
 */
export function getReadDb(): Database {
  const url = env().DATABASE_READ_URL;
  if (!url) return getDb();
  cache.exqressReadDb ??= connect(url);
  return cache.exqressReadDb.db;
}

/** The raw postgres.js client behind it, for health checks and hand-written SQL. */
export function getSql(): Sql {
  return pool().sql;
}

/** Ends the app's pool, if it was opened, letting running queries finish (graceful shutdown). */
export async function closeDb(): Promise<void> {
  const opened = [cache.exqressDb, cache.exqressReadDb];
  cache.exqressDb = cache.exqressReadDb = undefined;
  await Promise.all(opened.map((pool) => pool?.sql.end({ timeout: 5 })));
}
