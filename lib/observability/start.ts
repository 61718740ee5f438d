import { APPLICATION_NAME, closeDb, getSql } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { closeRedis, getRedis } from "@/lib/redis/client";
import { registerDependencyGauges } from "./dependency-gauges";
import { handleShutdownSignals } from "./graceful-shutdown";
import { observeHttp } from "./http-observer";
import { metrics } from "./metrics";

/** Metrics, request logs and graceful shutdown for this server process (called from instrumentation.ts). */
export function startObservability(config: Pick<Env, "SHUTDOWN_DRAIN_MS">): void {
  registerDependencyGauges(metrics(), { sql: getSql, applicationName: APPLICATION_NAME, redis: getRedis });
  observeHttp();
  handleShutdownSignals({
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    graceMs: 10_000,
    closeDependencies: async () => void (await Promise.all([closeDb(), closeRedis()])),
  });
}
