import { Queue, Worker } from "bullmq";
import { afterAll, describe, expect, inject, it } from "vitest";
import { indexKey, sessionKey } from "@/lib/auth/session-store";
import { Cluster } from "ioredis";
import { connectForQueue, connectRedis } from "@/lib/redis/client";
import { scanKeys } from "@/lib/redis/scan-keys";
import { hashTag } from "@/lib/redis/slots";
import { checkReadiness } from "@/lib/health/readiness";
import { getSql } from "@/db/client";
import { isolatedRedis } from "../support/redis";
import { startRedisCluster } from "../support/redis-cluster";

// Runs in the `redis-cluster` Vitest project only, against the Cluster its global setup started.
const url = inject("redisClusterUrl");
const { redis, prefix, keys, cleanup } = isolatedRedis("cluster");
const plain = connectRedis(url);

afterAll(async () => {
  await cleanup();
  await plain.quit();
});

describe("Redis Cluster", () => {
  it("opens a Cluster client for a redis+cluster:// URL, whose keys spread over the three masters", async () => {
    expect(redis.isCluster).toBe(true);
    await Promise.all(Array.from({ length: 60 }, (_, i) => redis.set(`spread:${i}`, "1")));
    const masters = plain instanceof Cluster ? plain.nodes("master") : [];
    expect(masters).toHaveLength(3);
    const perMaster = await Promise.all(masters.map((node) => scanKeys(node, `${prefix}spread:*`)));
    for (const found of perMaster) expect(found.length).toBeGreaterThan(0);
    expect(perMaster.flat()).toHaveLength(60);
  });

  it("applies the key prefix on the Cluster too", async () => {
    await redis.set("prefixed", "yes");
    expect(await plain.get(`${prefix}prefixed`)).toBe("yes");
    expect(await plain.exists("prefixed")).toBe(0);
    expect(await keys()).toContain("prefixed");
  });

  it("refuses a transaction over two slots, and runs it when a hash tag keeps the keys together", async () => {
    await expect(redis.multi().set("slot-a", "1").set("slot-b", "2").exec()).rejects.toThrow();
    const together = await redis.multi().set("{tx}:a", "1").set("{tx}:b", "2").exec();
    expect(together?.map(([error]) => error)).toEqual([null, null]);
  });

  it("puts a user's sessions in the slot of the user's index", async () => {
    const slot = (key: string) => plain.cluster("KEYSLOT", `${prefix}${key}`);
    const userId = "3f6c1a52-1111-4c2e-9a3e-5c1d2b7e8f90";
    const index = await slot(indexKey(userId));
    expect(await slot(sessionKey({ userId, jti: "a" }))).toBe(index);
    expect(await slot(sessionKey({ userId, jti: "b" }))).toBe(index);
    expect(await slot(sessionKey({ userId: "someone-else", jti: "a" }))).not.toBe(index);
  });

  it("runs BullMQ jobs on the Cluster with a hash tag in the queue prefix, and cannot without one", async () => {
    const name = `probe-${Date.now()}`;
    const tagged = `${prefix}${hashTag("bull")}`;
    const queue = new Queue(name, { connection: connectForQueue(url), prefix: tagged });
    const worker = new Worker(name, async (job) => (job.data as { n: number }).n * 2, {
      connection: connectForQueue(url),
      prefix: tagged,
    });
    try {
      const done = new Promise<unknown>((resolve) => worker.once("completed", (_job, result) => resolve(result)));
      await queue.add("double", { n: 21 });
      expect(await done).toBe(42);
      const untagged = new Queue(name, { connection: connectForQueue(url), prefix: `${prefix}bull` });
      await expect(untagged.add("double", { n: 1 })).rejects.toThrow(/CROSSSLOT|slot/i);
      await untagged.close();
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it("fails fast while every node is down, and recovers by itself when they are back", async () => {
    const own = await startRedisCluster();
    const client = connectRedis(own.url, prefix);
    try {
      expect(await client.set("outage", "before")).toBe("OK"); // the first command waits for the connection
      await own.stopNodes();
      await expect(client.get("outage")).rejects.toThrow();
      // Once the client knows the Cluster is gone (it reconnects in the background), commands are
      // refused at once, not queued until it is back (the test's timeout would end a queued one).
      await expect.poll(() => client.status, { timeout: 15_000 }).not.toBe("ready");
      await expect(client.get("outage")).rejects.toThrow();
      expect(await checkReadiness({ sql: getSql(), redis: client })).toEqual({ ready: false, down: ["redis"] });
      await own.startNodes();
      await expect.poll(() => client.ping().catch(() => "down"), { timeout: 15_000, interval: 200 }).toBe("PONG");
      expect(await client.set("outage", "after")).toBe("OK");
      expect(await checkReadiness({ sql: getSql(), redis: client })).toEqual({ ready: true, down: [] });
    } finally {
      client.disconnect();
      await own.stop();
    }
  });

  it("refuses commands at once when the Cluster was never reachable, once the first attempt failed", async () => {
    const nowhere = connectRedis("redis+cluster://127.0.0.1:1", prefix);
    try {
      await expect.poll(() => nowhere.status, { timeout: 15_000 }).toBe("reconnecting");
      await expect(nowhere.get("anything")).rejects.toThrow();
    } finally {
      nowhere.disconnect();
    }
  });
});
