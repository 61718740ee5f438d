import { performance } from "node:perf_hooks";
import { getSql } from "@/db/client";
import { auditCsvStream } from "@/lib/audit/audit-export";
import { verifyCarrierChain } from "@/lib/audit/verify";

const MB = 1024 * 1024;
const WRITE_BATCH = 100;

/**
 * `rows` audit rows for the carrier (one INSERT … SELECT, so every row goes through the chain
 * trigger as the app's inserts do), then the CSV export read to the end as a client would, with
 * its wall time, size and the process's peak RSS sampled every 20 ms; then "verify log".
 */
export async function measureAudit(carrierId: string, courierId: string, rows: number): Promise<void> {
  const sql = getSql();
  let start = performance.now();
  // A hundred rows a statement (each its own transaction): the app writes one row per
  // transaction, and one transaction updating the chain head n times pays O(n²) to walk the
  // head row's versions (100,000 rows in one INSERT took 740 s).
  for (let done = 0; done < rows; done += WRITE_BATCH) {
    const n = Math.min(WRITE_BATCH, rows - done);
    await sql`
      insert into disclosures (parcel_id, viewer_user_id, viewer_role, fields, ip, user_agent)
      select (array(select id from parcels where carrier_id = ${carrierId} limit 1000))[1 + g % 1000],
             ${courierId}, 'courier', '{address,addressDetail,postalCode,memo}', '10.1.2.3',
             'Mozilla/5.0 (Linux; Android 14) bench'
      from generate_series(0, ${n - 1}) g`;
  }
  console.log(
    `\naudit rows written through the chain trigger: ${rows} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  start = performance.now();
  let bytes = 0;
  let lines = 0;
  const reader = auditCsvStream(sql, carrierId, {}).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    for (const byte of chunk.value) if (byte === 0x0a) lines++;
  }
  clearInterval(sampler);
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `audit export of ${lines - 1} rows: ${seconds.toFixed(2)} s (${Math.round((lines - 1) / seconds)} rows/s), ` +
      `${(bytes / MB).toFixed(1)} MB of CSV, peak RSS ${(peak / MB).toFixed(0)} MB (before: ${(baseline / MB).toFixed(0)} MB)`,
  );

  start = performance.now();
  const report = await verifyCarrierChain(sql, carrierId);
  console.log(
    `verify log: ${report.ok ? "intact" : "BROKEN"}, ${report.rows} rows in ${((performance.now() - start) / 1000).toFixed(2)} s`,
  );
}
