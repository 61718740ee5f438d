import { randomBytes } from "node:crypto";
import { connectRedis, type RedisClient } from "@/lib/redis/client";
import { scanKeys } from "@/lib/redis/scan-keys";
import { deleteKeys } from "@/lib/redis/slots";

/**
 * A Redis client whose keys live under a prefix of their own, so a test file never
 * sees another's keys. `keys` lists them (without the prefix); `cleanup` deletes
 * exactly those (the Redis may be shared with other people) and disconnects.
 * REDIS_URL may name a Redis Cluster (redis+cluster://...): then so is this client.
 */
export function isolatedRedis(label: string) {
  const prefix = `${process.env.REDIS_KEY_PREFIX ?? "exq:test:"}${label}:${randomBytes(6).toString("hex")}:`;
  const redis: RedisClient = connectRedis(process.env.REDIS_URL!, prefix);
  const keys = async (): Promise<string[]> =>
    (await scanKeys(redis, `${prefix}*`)).map((key) => key.slice(prefix.length));
  const cleanup = async () => {
    await deleteKeys(redis, await keys());
    redis.disconnect();
  };
  return { redis, prefix, keys, cleanup };
}
