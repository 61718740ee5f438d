import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RedisClient } from "@/lib/redis/client";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { checkReadiness } from "@/lib/health/readiness";
import { connectRedis } from "@/lib/redis/client";
import { startPrivateRedis, type RunningRedis } from "@/scripts/services/private-redis";

/** Polls until `check` passes or `ms` is up, for a client that reconnects in the background. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

// A Redis of its own, so stopping it cannot disturb the machine's or other tests'.
describe("readiness", () => {
  let dir: string;
  let redisServer: RunningRedis;
  let redis: RedisClient;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-ready-"));
    redisServer = await startPrivateRedis({ dataDir: dir, persistent: false });
    redis = connectRedis(redisServer.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await redisServer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is ready when PostgreSQL and Redis answer", async () => {
    expect(await checkReadiness({ sql: getSql(), redis })).toEqual({ ready: true, down: [] });
  });

  it("names Redis when it is stopped, and recovers when it is back, without a new client", async () => {
    await redisServer.stop();
    expect(await checkReadiness({ sql: getSql(), redis })).toEqual({ ready: false, down: ["redis"] });
    redisServer = await startPrivateRedis({ dataDir: dir, port: redisServer.port, persistent: false });
    expect(await eventually(async () => (await checkReadiness({ sql: getSql(), redis })).ready)).toBe(true);
  });

  it("names PostgreSQL when it does not answer", async () => {
    const unreachable = postgres("postgres://nobody@127.0.0.1:1/none", { max: 1, connect_timeout: 1 });
    try {
      expect(await checkReadiness({ sql: unreachable, redis })).toEqual({ ready: false, down: ["postgres"] });
    } finally {
      await unreachable.end({ timeout: 0 });
    }
  });
});
