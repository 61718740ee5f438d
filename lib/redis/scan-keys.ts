import { Cluster } from "ioredis";
import type { RedisClient } from "./client";

const READY_TIMEOUT_MS = 10_000;

/** Resolves once a Cluster client knows its nodes (a single server's client needs no wait). */
async function nodesKnown(redis: RedisClient): Promise<void> {
  if (!(redis instanceof Cluster) || redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the Redis Cluster did not become ready")), READY_TIMEOUT_MS);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Every key whose full name (key prefix included: SCAN patterns are not prefixed) matches
 * `match`, sorted; on a Cluster, from every master, since SCAN sees one node's keys only. For
 * maintenance and tests (deleting a run's keys), never for requests.
 */
export async function scanKeys(redis: RedisClient, match: string): Promise<string[]> {
  await nodesKnown(redis);
  const servers = redis instanceof Cluster ? redis.nodes("master") : [redis];
  const found = await Promise.all(
    servers.map(async (server) => {
      const keys: string[] = [];
      for await (const batch of server.scanStream({ match, count: 1000 })) keys.push(...(batch as string[]));
      return keys;
    }),
  );
  return found.flat().sort(); // in one order whichever node answered first
}
