import type { RedisClient } from "./client";

/**
 * Redis Cluster hashes only the part of a key between its first `{` and the next `}` (the hash
 * tag) when there is one, so keys with the same tag live in the same slot and one script, MULTI
 * or multi-key command may touch them together. The key prefix (REDIS_KEY_PREFIX) never holds a
 * brace (lib/config/env.ts), so the tags written here decide. On a single server tags are plain
 * characters of the key.
 */
export const hashTag = (value: string) => `{${value}}`;

/** The part of `key` Redis Cluster hashes: its tag, or the whole key without one. */
export function slotPart(key: string): string {
  const open = key.indexOf("{");
  const close = open < 0 ? -1 : key.indexOf("}", open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * `items` in groups whose keys share a slot for sure (the same tag): one group on a single
 * server, where any keys go together. A group per hash tag on a Cluster.
 */
export function slotGroups<T>(redis: RedisClient, items: readonly T[], keyOf: (item: T) => string): T[][] {
  if (items.length === 0) return [];
  if (!redis.isCluster) return [[...items]];
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const part = slotPart(keyOf(item));
    groups.set(part, [...(groups.get(part) ?? []), item]);
  }
  return [...groups.values()];
}

/** Deletes `keys` with one DEL per slot group; how many existed. */
export async function deleteKeys(redis: RedisClient, keys: readonly string[]): Promise<number> {
  const counts = await Promise.all(slotGroups(redis, keys, (key) => key).map((group) => redis.del(...group)));
  return counts.reduce((sum, count) => sum + count, 0);
}
