import { connectRedis } from "@/lib/redis/client";
import { scanKeys } from "@/lib/redis/scan-keys";
import { deleteKeys as deleteInSlotGroups } from "@/lib/redis/slots";

const BATCH = 500;

/** Deletes every key under `prefix` (a test or benchmark run's own), leaving the rest of a shared Redis alone. */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = connectRedis(redisUrl);
  try {
    const keys = await scanKeys(redis, `${prefix}*`);
    for (let start = 0; start < keys.length; start += BATCH) {
      await deleteInSlotGroups(redis, keys.slice(start, start + BATCH));
    }
  } finally {
    redis.disconnect();
  }
}
