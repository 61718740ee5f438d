import { describe, expect, it } from "vitest";
import { APPLICATION_NAME, getSql } from "@/db/client";
import { registerDependencyGauges } from "@/lib/observability/dependency-gauges";
import { metrics } from "@/lib/observability/metrics";
import { getRedis } from "@/lib/redis/client";

/** PostgreSQL pool and Redis connection state, as Prometheus scrapes them. */
describe("dependency gauges", () => {
  it("count this process's PostgreSQL connections by state and show the Redis client ready", async () => {
    registerDependencyGauges(metrics(), { sql: getSql, applicationName: APPLICATION_NAME, redis: getRedis });
    // Hold one connection idle-in-transaction while scraping, so two states show.
    const sql = getSql();
    let release = () => {};
    const held = sql.begin(async (tx) => {
      await tx`select 1`;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await getRedis().ping();
    const text = await metrics().registry.metrics();
    release();
    await held;
    expect(text).toMatch(/exqress_postgres_pool_connections\{state="active"\} [1-9]/);
    expect(text).toMatch(/exqress_postgres_pool_connections\{state="idle in transaction"\} 1/);
    expect(text).toMatch(/exqress_postgres_pool_max_connections 10/);
    expect(text).toMatch(/exqress_redis_connection_state\{state="ready"\} 1/);
    expect(text).toMatch(/exqress_postgres_up 1/);
  });
});
