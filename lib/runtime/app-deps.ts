import { getDb } from "@/db/client";
import { env } from "@/lib/config/env";
import { getRedis } from "@/lib/redis/client";

/** The running app's database, Redis and configuration, in the shape lib functions take them. */
export function appDeps() {
  return { db: getDb(), redis: getRedis(), config: env() };
}
