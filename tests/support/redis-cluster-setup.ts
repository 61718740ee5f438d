import type { TestProject } from "vitest/node";
import { startRedisCluster } from "./redis-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    redisClusterUrl: string;
  }
}

/**
 * Global setup of the `redis-cluster` Vitest project (vitest.config.ts): one three-master Redis
 * Cluster for the run, whose URL the project's setup file (use-redis-cluster.ts) puts in REDIS_URL.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startRedisCluster();
  project.provide("redisClusterUrl", cluster.url);
  return cluster.stop;
}
