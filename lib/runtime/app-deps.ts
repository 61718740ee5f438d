import { getDb, getReadDb } from "@/db/client";
import { env } from "@/lib/config/env";
import { getRedis } from "@/lib/redis/client";

/**
 * The running app's database (and its client for reads that may lag: `readDb`), Redis and
 * configuration, in the shape lib functions take them.
 */
export function appDeps() {
  return { db: getDb(), readDb: getReadDb(), redis: getRedis(), config: env() };
}
