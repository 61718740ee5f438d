import { inject } from "vitest";

// Setup file of the `redis-cluster` project: the test files it runs a second time get the
// Cluster as their Redis before they import anything that reads the configuration.
process.env.REDIS_URL = inject("redisClusterUrl");
