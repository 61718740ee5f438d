import { randomBytes } from "node:crypto";
import type Redis from "ioredis";
import { connectRedis } from "@/lib/redis/client";

/**
 * A Redis client whose keys live under a prefix of their own, so a test file never
 * sees another's keys. `keys` lists them (without the prefix); `cleanup` deletes
 * exactly those (the Redis may be shared with other people) and disconnects.
 */
export function isolatedRedis(label: string) {
  const prefix = `${process.env.REDIS_KEY_PREFIX ?? "exq:test:"}${label}:${randomBytes(6).toString("hex")}:`;
  const redis: Redis = connectRedis(process.env.REDIS_URL!, prefix);
  const keys = async (): Promise<string[]> => {
    const found: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      found.push(...batch.map((key) => key.slice(prefix.length)));
    } while (cursor !== "0");
    return found;
  };
  const cleanup = async () => {
    const own = await keys();
    if (own.length > 0) await redis.del(...own);
    redis.disconnect();
  };
  return { redis, prefix, keys, cleanup };
}
