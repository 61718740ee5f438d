import type { RedisClient } from "@/lib/redis/client";
import { Gauge } from "prom-client";
import type { Sql } from "postgres";
import type { Metrics } from "./metrics";

const REDIS_STATES = ["wait", "connecting", "connect", "ready", "reconnecting", "close", "end"] as const;
const PING_TIMEOUT_MS = 1_000;

async function pingSeconds(check: () => Promise<unknown>): Promise<number | null> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return (performance.now() - started) / 1000;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PostgreSQL and Redis as seen by this process, measured when Prometheus scrapes: whether each
 * answers and how fast, the pool's size, and the Redis client's connection state.
 */
export function registerDependencyGauges(
  metrics: Metrics,
  deps: { sql: () => Sql; applicationName: string; redis: () => RedisClient },
): void {
  const registers = [metrics.registry];
  if (metrics.registry.getSingleMetric("exqress_postgres_up")) return;
  const ping = new Gauge({
    name: "exqress_dependency_ping_seconds",
    help: "Round trip of a trivial query at scrape time (absent while the dependency is down).",
    labelNames: ["dependency"] as const,
    registers,
  });
  new Gauge({
    name: "exqress_postgres_up",
    help: "1 when PostgreSQL answered `select 1` within a second at scrape time.",
    registers,
    async collect() {
      const seconds = await pingSeconds(() => deps.sql()`select 1`);
      this.set(seconds === null ? 0 : 1);
      if (seconds === null) ping.remove({ dependency: "postgres" });
      else ping.set({ dependency: "postgres" }, seconds);
    },
  });
  new Gauge({
    name: "exqress_postgres_pool_max_connections",
    help: "The most connections this process's PostgreSQL pool opens.",
    registers,
    collect() {
      this.set(Number(deps.sql().options.max));
    },
  });
  new Gauge({
    name: "exqress_postgres_pool_connections",
    help: "This process's open PostgreSQL connections by state (active, idle, ...), from pg_stat_activity at scrape time; the scrape's own query is one of the active ones.",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      this.reset();
      const rows = await deps.sql()<{ state: string | null; connections: number }[]>`
          select coalesce(state, 'unknown') as state, count(*)::int as connections
          from pg_stat_activity where application_name = ${deps.applicationName} group by 1`.catch(() => []);
      for (const row of rows) this.set({ state: row.state ?? "unknown" }, row.connections);
    },
  });
  new Gauge({
    name: "exqress_redis_connection_state",
    help: "1 for the Redis client's current connection state, 0 for the others.",
    labelNames: ["state"] as const,
    registers,
    async collect() {
      const client = deps.redis();
      for (const state of REDIS_STATES) this.set({ state }, client.status === state ? 1 : 0);
      const seconds = client.status === "ready" ? await pingSeconds(() => client.ping()) : null;
      if (seconds === null) ping.remove({ dependency: "redis" });
      else ping.set({ dependency: "redis" }, seconds);
    },
  });
}
