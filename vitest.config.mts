import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Run a second time against a three-master Redis Cluster started for the run
// (tests/support/redis-cluster-setup.ts): the files whose Redis keys go together in scripts,
// transactions and pipelines (sessions and revocation, throttles, the snapshot cache, idempotent
// status updates from a courier's session), so a key that leaves its hash slot fails with CROSSSLOT.
const ON_REDIS_CLUSTER = [
  "tests/integration/redis-cluster.test.ts",
  "tests/integration/session-store.test.ts",
  "tests/integration/hardening/session-claims.test.ts",
  "tests/integration/login-route.test.ts",
  "tests/integration/login-throttle.test.ts",
  "tests/integration/hardening/lockout.test.ts",
  "tests/integration/token-bucket.test.ts",
  "tests/integration/otp.test.ts",
  "tests/integration/resolve-matrix.test.ts",
  "tests/integration/courier-events.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    // Integration tests share one database per run; files run one at a time so
    // counts taken before and after a request are not disturbed by another file.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "redis",
          include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
          exclude: ["tests/integration/redis-cluster.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "redis-cluster",
          include: ON_REDIS_CLUSTER,
          globalSetup: ["tests/support/redis-cluster-setup.ts"],
          setupFiles: ["tests/support/use-redis-cluster.ts"],
        },
      },
    ],
  },
});
