import path from "node:path";
import { clusterUrl } from "@/lib/core/redis-target";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { startPrivateRedis } from "./private-redis";
import type { ServiceStack } from "./service-stack";

/**
 * Stops a service this launcher started and starts it again on the same port with the same data,
 * `downMs` later: for fault drills (npm run bench:pilot). Absent for a service given by URL.
 */
export type ServiceRestarts = {
  postgres?: (downMs: number) => Promise<void>;
  redis?: (downMs: number) => Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fills DATABASE_URL and REDIS_URL: kept as given when set (REDIS_CLUSTER_NODES counts as REDIS_URL), otherwise backed by
 * an embedded PostgreSQL and a private redis-server whose data live in `dataDir`. `restarts`, when
 * given, receives the restart of each service started here (only a persistent one keeps its data).
 */
export async function resolveServices(
  environment: NodeJS.ProcessEnv,
  options: {
    dataDir: string;
    persistent: boolean;
    stack: ServiceStack;
    log: (line: string) => void;
    restarts?: ServiceRestarts;
  },
): Promise<{ DATABASE_URL: string; REDIS_URL: string }> {
  const { dataDir, persistent, stack, log } = options;
  let databaseUrl = environment.DATABASE_URL;
  if (!databaseUrl) {
    const pgDir = path.join(dataDir, "pg");
    log(`DATABASE_URL is not set: starting embedded PostgreSQL (data in ${path.relative(process.cwd(), pgDir)})`);
    let pg = await startEmbeddedPostgres({ dataDir: pgDir, persistent });
    stack.push("PostgreSQL", () => pg.stop());
    databaseUrl = pg.url;
    const port = Number(new URL(pg.url).port);
    if (options.restarts) {
      options.restarts.postgres = async (downMs) => {
        await pg.stop();
        await sleep(downMs);
        pg = await startEmbeddedPostgres({ dataDir: pgDir, persistent, port });
      };
    }
  }
  // A Redis Cluster's nodes stand for REDIS_URL, as the app's configuration reads them (lib/config/env.ts).
  const clusterNodes = environment.REDIS_CLUSTER_NODES?.trim();
  let redisUrl = clusterNodes ? clusterUrl(clusterNodes) : environment.REDIS_URL;
  if (!redisUrl) {
    const redisDir = path.join(dataDir, "redis");
    log(`REDIS_URL is not set: starting a private redis-server (data in ${path.relative(process.cwd(), redisDir)})`);
    let redis = await startPrivateRedis({ dataDir: redisDir, persistent });
    stack.push("Redis", () => redis.stop());
    redisUrl = redis.url;
    if (options.restarts) {
      options.restarts.redis = async (downMs) => {
        await redis.stop();
        await sleep(downMs);
        redis = await startPrivateRedis({ dataDir: redisDir, persistent, port: redis.port });
      };
    }
  }
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
}
