import { performance } from "node:perf_hooks";
import { connect } from "@/db/client";

export type InsertRun = { connections: number; rps: number; p50: number; p99: number };

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/**
 * The audit write alone, without HTTP or Node's share of the CPU: `connections` clients each
 * committing one audit row per transaction, as the app's audited views do, for `seconds`. On a
 * machine busy with other work this isolates what the database makes concurrent views wait for.
 */
export async function measureAuditInserts(
  databaseUrl: string,
  carrierId: string,
  connections: number,
  seconds: number,
): Promise<InsertRun> {
  const { sql } = connect(databaseUrl, { max: connections });
  try {
    const parcels = (
      await sql<{ id: string }[]>`
      select id::text as id from parcels where carrier_id = ${carrierId} limit 1000`
    ).map((row) => row.id);
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    const client = async (n: number) => {
      for (let i = n; performance.now() < until; i += connections) {
        const started = performance.now();
        await sql.begin(
          (tx) => tx`insert into disclosures (parcel_id, viewer_role, fields, ip, user_agent)
            values (${parcels[i % parcels.length] ?? ""}, 'api_key', '{name,phone,address}', '10.1.2.3', 'bench')`,
        );
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, (_, n) => client(n)));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      connections,
      rps: latencies.length / elapsed,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
    };
  } finally {
    await sql.end();
  }
}
