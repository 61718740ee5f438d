import Redis from "ioredis";
import { env } from "@/lib/config/env";

/**
 * Opens a client that fails fast while Redis is down: a command waits for at most
 * one reconnect attempt (or two seconds) and then errors, so session checks fail
 * closed and readiness answers 503 quickly; the client keeps reconnecting in the
 * background and recovers by itself. Commands sent while the first connection is
 * still opening simply wait for it.
 */
export function connectRedis(url: string, keyPrefix = ""): Redis {
  const client = new Redis(url, {
    keyPrefix,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener ioredis prints every failed reconnect as an unhandled error.
  client.on("error", () => {});
  return client;
}

const cache = globalThis as unknown as { exqressRedis?: Redis };

/** The app's one Redis client, created on first use (never at import time: that breaks `next build`). */
export function getRedis(): Redis {
  cache.exqressRedis ??= connectRedis(env().REDIS_URL, env().REDIS_KEY_PREFIX);
  return cache.exqressRedis;
}

/** Closes the app's client, if it was opened, after its pending replies (graceful shutdown). */
export async function closeRedis(): Promise<void> {
  const opened = cache.exqressRedis;
  cache.exqressRedis = undefined;
  if (opened) await opened.quit().catch(() => opened.disconnect());
}
