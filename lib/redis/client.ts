import Redis, { Cluster, type ClusterOptions, type RedisOptions } from "ioredis";
import { env } from "@/lib/config/env";
import { parseRedisTarget, type RedisTarget } from "@/lib/core/redis-target";

/**
 * The app's Redis client: one server or a Redis Cluster (ioredis `Cluster`). Callers take this
 * type and use only commands both understand. On a Cluster every multi-key command, script,
 * MULTI and pipeline must keep its keys in one hash slot: keys that go together share a hash tag
 * (`{...}`, see lib/redis/slots.ts).
 */
export type RedisClient = Redis | Cluster;

const RETRY_MS = (attempt: number) => Math.min(attempt * 200, 2_000);

/** Per connection: a command waits for at most one reconnect (or two seconds), then errors. */
const failFast = {
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  commandTimeout: 2_000,
} satisfies RedisOptions;

type ClusterTarget = Extract<RedisTarget, { kind: "cluster" }>;

function clusterOptions(target: ClusterTarget, redisOptions: ClusterOptions["redisOptions"]): ClusterOptions {
  return {
    // Reads from masters only: a replica may lag behind a revocation.
    scaleReads: "master",
    // While no node answers at all, reconnect in the background like the single-server client.
    clusterRetryStrategy: RETRY_MS,
    redisOptions: {
      ...redisOptions,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
}

function connectCluster(target: ClusterTarget, keyPrefix: string): Cluster {
  // The prefix is part of the key that is hashed; it holds no `{`, so keys' own tags decide their slot.
  const cluster = new Cluster(target.nodes, { ...clusterOptions(target, failFast), keyPrefix });
  // Commands sent while the first connection is opening wait for it. Once it is made (or has
  // failed), a cluster that is down (reconnecting) refuses them at once instead of queueing them
  // until it is back, as the offline queue would: session checks then fail closed and readiness
  // answers 503 quickly.
  const stopQueueing = () => {
    cluster.options.enableOfflineQueue = false;
  };
  cluster.once("ready", stopQueueing);
  cluster.once("reconnecting", stopQueueing);
  return cluster;
}

/**
 * Opens a client that fails fast while Redis is down: a command waits for at most
 * one reconnect attempt (or two seconds) and then errors, so session checks fail
 * closed and readiness answers 503 quickly; the client keeps reconnecting in the
 * background and recovers by itself. Commands sent while the first connection is
 * still opening simply wait for it. A `redis+cluster://` URL opens a Cluster client.
 */
export function connectRedis(url: string, keyPrefix = ""): RedisClient {
  const target = parseRedisTarget(url);
  const client =
    target?.kind === "cluster"
      ? connectCluster(target, keyPrefix)
      : new Redis(url, { keyPrefix, ...failFast, retryStrategy: RETRY_MS });
  // Without a listener ioredis prints every failed reconnect as an unhandled error.
  client.on("error", () => {});
  return client;
}

/**
 * A connection for BullMQ (lib/imports/queue.ts): no key prefix (BullMQ has its own, which must
 * hold a hash tag on a Cluster) and commands that wait for Redis instead of failing, as BullMQ's
 * blocking commands need.
 */
export function connectForQueue(url: string): RedisClient {
  const target = parseRedisTarget(url);
  const patient = { maxRetriesPerRequest: null };
  return target?.kind === "cluster"
    ? new Cluster(target.nodes, clusterOptions(target, patient))
    : new Redis(url, patient);
}

const cache = globalThis as unknown as { exqressRedis?: RedisClient };

/** The app's one Redis client, created on first use (never at import time: that breaks `next build`). */
export function getRedis(): RedisClient {
  cache.exqressRedis ??= connectRedis(env().REDIS_URL, env().REDIS_KEY_PREFIX);
  return cache.exqressRedis;
}

/** Closes the app's client, if it was opened, after its pending replies (graceful shutdown). */
export async function closeRedis(): Promise<void> {
  const opened = cache.exqressRedis;
  cache.exqressRedis = undefined;
  if (opened) await opened.quit().catch(() => opened.disconnect());
}
