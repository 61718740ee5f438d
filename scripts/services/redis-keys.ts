import { connectRedis } from "@/lib/redis/client";

/** Deletes every key under `prefix` (a test or benchmark run's own), leaving the rest of a shared Redis alone. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = connectRedis(redisUrl);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
