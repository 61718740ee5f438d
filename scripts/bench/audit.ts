/**
 * `npm run bench:audit`: audited full views of one carrier, the way its integration reads them
 * (GET /api/v1/parcels/{code} with the carrier's own key: every answer writes one audit row), at
 * 20 and 100 connections. After each run it counts the audit rows still awaiting sequencing and
 * how long until the sequencer has linked them all, then verifies the carrier's chain.
 *
 * Targets: every audit row linked into the chain within 5 s of the load ending, and the chain
 * intact afterwards. The req/s figures are for comparing two builds on the same machine.
 */
import { performance } from "node:perf_hooks";
import type { Sql } from "postgres";
import { connect } from "@/db/client";
import { measureAuditInserts, type InsertRun } from "./audit-inserts";
import { verifyCarrierChain } from "@/lib/audit/verify";
import { DEMO_API_KEY, DEMO_CARRIER_NAME, registerParcels } from "./fixtures";
import { runBench } from "./harness";
import { assertClean, printLoadTable, rotate, runLoad, type LoadResult, type LoadTarget } from "./load";
import { cpuLine, startMonitor } from "./monitor";
import { fmt, ms, printSetup, printTable, section, type Check } from "./report";

const PARCELS = 2_000;
const CONNECTIONS = [20, 100] as const;
// PostgreSQL's default max_connections is 100, and the app's pool holds 10 of them.
const INSERT_CONNECTIONS = [20, 80] as const;
const WARMUP_SECONDS = 4;
const MEASURE_SECONDS = 12;
const SEQUENCED_WITHIN_MS = 5_000;
const RESOLVE_LIMIT_PER_HOUR = "1000000000";

type Backlog = { written: number; pending: number; drainedMs: number | null };

/** Audit rows of the carrier, and how many have no place in the chain yet. */
async function countRows(sql: Sql, carrierId: string): Promise<{ total: number; pending: number }> {
  const [row] = await sql<{ total: number; pending: number }[]>`
    select count(*)::int as total, count(*) filter (where chain_seq is null)::int as pending
    from disclosures where carrier_id = ${carrierId}`;
  return row ?? { total: 0, pending: 0 };
}

/** Polls until no row of the carrier awaits sequencing (or the limit passes): the backlog left by a run. */
async function drain(sql: Sql, carrierId: string, writtenBefore: number): Promise<Backlog> {
  const started = performance.now();
  const first = await countRows(sql, carrierId);
  let current = first;
  while (current.pending > 0 && performance.now() - started < 4 * SEQUENCED_WITHIN_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = await countRows(sql, carrierId);
  }
  return {
    written: first.total - writtenBefore,
    pending: first.pending,
    drainedMs: current.pending === 0 ? performance.now() - started : null,
  };
}

runBench("bench:audit", { RESOLVE_LIMIT_PER_HOUR }, async (server) => {
  printSetup(server.embedded, [
    `load: ${CONNECTIONS.join(" then ")} connections, ${WARMUP_SECONDS} s warm-up then ${MEASURE_SECONDS} s measured each`,
    "every response is the owning carrier's full view, so every response writes one audit row",
  ]);
  section("fixtures");
  const codes = await registerParcels(server.baseUrl, PARCELS);
  console.log(`  registered ${fmt(codes.length)} parcels with the demo carrier's key`);
  const { sql } = connect(server.databaseUrl, { max: 1 });
  try {
    const [carrier] = await sql<
      { id: string }[]
    >`select id::text as id from carriers where name = ${DEMO_CARRIER_NAME}`;
    if (!carrier) throw new Error("the demo carrier was not seeded");
    const next = rotate(codes);
    const target: LoadTarget = {
      title: "GET /api/v1/parcels/{code} (owning carrier's key, full, audited)",
      headers: { authorization: `Bearer ${DEMO_API_KEY}` },
      path: () => `/api/v1/parcels/${next()}`,
    };
    section("load");
    const results: LoadResult[] = [];
    const backlogs: Backlog[] = [];
    for (const connections of CONNECTIONS) {
      const title = `${target.title} at ${connections} connections`;
      const warm = await runLoad(server.baseUrl, { ...target, title }, { connections, seconds: WARMUP_SECONDS });
      console.log(`  warm-up at ${connections} connections: ${fmt(warm.rps)} req/s (not counted)`);
      await drain(sql, carrier.id, 0);
      const before = (await countRows(sql, carrier.id)).total;
      const monitor = await startMonitor(server.redisUrl);
      const result = await runLoad(server.baseUrl, { ...target, title }, { connections, seconds: MEASURE_SECONDS });
      results.push({ ...result, monitor: await monitor.stop() });
      backlogs.push(await drain(sql, carrier.id, before));
    }
    section("results");
    printLoadTable(results);
    results.forEach((result) => assertClean(result));
    section("sequencing");
    CONNECTIONS.forEach((connections, i) => {
      const backlog = backlogs[i];
      const run = results[i];
      if (!backlog || !run) return;
      const drained = backlog.drainedMs === null ? "NOT within 20 s" : ms(backlog.drainedMs);
      console.log(
        `  ${connections} connections: ${fmt(backlog.written)} audit rows written, ${fmt(backlog.pending)} awaiting ` +
          `sequencing when the load stopped, all sequenced after ${drained}; CPU ${run.monitor ? cpuLine(run.monitor) : "?"}`,
      );
    });
    section("the audit write alone (one row a transaction, straight to PostgreSQL, no HTTP)");
    const inserts: InsertRun[] = [];
    for (const connections of INSERT_CONNECTIONS) {
      inserts.push(await measureAuditInserts(server.databaseUrl, carrier.id, connections, MEASURE_SECONDS));
    }
    printTable(
      ["connections", "rows/s", "p50", "p99"],
      inserts.map((run) => [String(run.connections), fmt(run.rps), ms(run.p50), ms(run.p99)]),
    );
    const tail = await drain(sql, carrier.id, 0);
    console.log(
      `  ${fmt(tail.pending)} rows awaiting sequencing when it stopped, all sequenced after ${tail.drainedMs === null ? "NOT within 20 s" : ms(tail.drainedMs)}`,
    );
    const started = performance.now();
    const report = await verifyCarrierChain(sql, carrier.id);
    console.log(
      `  verify log: ${report.ok ? "intact" : "BROKEN"}, ${fmt(report.rows)} rows in ${ms(performance.now() - started)}`,
    );
    if (!report.ok) console.log(`  first broken link: ${JSON.stringify(report)}`);
    const slowest = Math.max(...[...backlogs, tail].map((backlog) => backlog.drainedMs ?? Infinity));
    return [
      {
        target: `every audit row sequenced within ${SEQUENCED_WITHIN_MS / 1000} s of the load ending`,
        met: slowest <= SEQUENCED_WITHIN_MS,
        detail: Number.isFinite(slowest) ? ms(slowest) : "not all",
      },
      { target: "the chain verifies intact", met: report.ok, detail: `${fmt(report.rows)} rows` },
    ] satisfies Check[];
  } finally {
    await sql.end();
  }
});
