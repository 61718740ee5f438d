import type { RedisClient } from "@/lib/redis/client";
import type { Sql } from "postgres";

export type Dependency = "postgres" | "redis";
export type Readiness = { ready: boolean; down: Dependency[] };

const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS).unref()),
  ]);
}

async function answers(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await withTimeout(check());
    return true;
  } catch {
    return false;
  }
}

/** Asks each dependency a trivial question; names the ones that did not answer in time. */
export async function checkReadiness(deps: { sql: Sql; redis: RedisClient }): Promise<Readiness> {
  const [postgres, redis] = await Promise.all([answers(() => deps.sql`select 1`), answers(() => deps.redis.ping())]);
  const down: Dependency[] = [];
  if (!postgres) down.push("postgres");
  if (!redis) down.push("redis");
  return { ready: down.length === 0, down };
}
