/**
 * How long `resolveParcel` takes for each kind of code, called in this process
 * against the benchmark's own PostgreSQL and Redis: a found code must not be told
 * from a missing one by timing beyond what the answer itself says, and every
 * kind of "not found" (unknown, malformed, reissued) must take the same path.
 */
import { eq } from "drizzle-orm";
import { connect } from "@/db/client";
import { carriers } from "@/db/schema";
import { parseEnv } from "@/lib/config/env";
import { newParcelCode } from "@/lib/parcels/code";
import { reissueCode } from "@/lib/parcels/reissue";
import { resolveParcel, type ResolveDeps } from "@/lib/parcels/resolve";
import { forgetSnapshot } from "@/lib/parcels/snapshot";
import { ANONYMOUS } from "@/lib/core/viewer";
import { connectRedis } from "@/lib/redis/client";
import { DEMO_CARRIER_NAME, randomIp } from "./fixtures";
import type { BenchServer } from "./harness";
import { fmt, printTable, section } from "./report";

const CALLS = 300;

type Kind = { label: string; codes: string[]; expect: "found" | "not_found" };

async function time(deps: ResolveDeps, kind: Kind): Promise<string[]> {
  const samples: number[] = [];
  for (const code of kind.codes) {
    // A new address for every call: a miss costs a thirtieth of a bucket, and limiting is not what is timed.
    const meta = { ip: randomIp(), userAgent: "bench" };
    const started = performance.now();
    const outcome = await resolveParcel(deps, ANONYMOUS, code, meta);
    samples.push(performance.now() - started);
    if (outcome.kind !== kind.expect) throw new Error(`${kind.label}: expected ${kind.expect}, got ${outcome.kind}`);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => `${fmt(samples[Math.floor(q * (samples.length - 1))] ?? 0, 2)} ms`;
  return [kind.label, fmt(samples.length), at(0.5), at(0.9), at(0.99)];
}

export async function printResolverTimings(server: BenchServer, cachedCodes: string[], otherCodes: string[]) {
  const config = parseEnv(server.env);
  const { sql, db } = connect(server.databaseUrl, { max: 2 });
  const redis = connectRedis(server.redisUrl, server.redisKeyPrefix);
  try {
    const deps: ResolveDeps = { db, redis, config };
    const [carrier] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.name, DEMO_CARRIER_NAME));
    if (!carrier) throw new Error("the demo carrier is missing");
    const uncached = otherCodes.slice(-CALLS);
    await forgetSnapshot(redis, ...uncached);
    const reissued = otherCodes.slice(-2 * CALLS, -CALLS);
    // reissueCode forgets the snapshots the load above may have cached for these codes.
    for (const code of reissued) await reissueCode({ db, redis }, carrier.id, code);
    const kinds: Kind[] = [
      { label: "found, masked view cached in Redis", codes: cachedCodes.slice(0, CALLS), expect: "found" },
      { label: "found, first lookup (PostgreSQL)", codes: uncached, expect: "found" },
      { label: "unknown code", codes: Array.from({ length: CALLS }, () => newParcelCode()), expect: "not_found" },
      { label: "old code of a reissued label", codes: reissued, expect: "not_found" },
      { label: "malformed code", codes: Array.from({ length: CALLS }, (_, i) => `no-code-${i}`), expect: "not_found" },
    ];
    section("resolveParcel per kind of code (in this process, one call at a time, anonymous caller)");
    const rows = [];
    for (const kind of kinds) rows.push(await time(deps, kind));
    printTable(["code", "calls", "p50", "p90", "p99"], rows);
  } finally {
    redis.disconnect();
    await sql.end();
  }
}
