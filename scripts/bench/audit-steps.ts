import { performance } from "node:perf_hooks";
import { getSql } from "@/db/client";
import { auditCsvStream } from "@/lib/audit/audit-export";
import { sequenceAuditLog } from "@/lib/audit/sequencer";
import { verifyCarrierChain } from "@/lib/audit/verify";

const MB = 1024 * 1024;
const WRITE_BATCH = 1_000;

/**
 * `rows` audit rows for the carrier (INSERT … SELECT, so every row goes through the insert
 * trigger as the app's inserts do), linked into the chain by the sequencer, then the CSV export
 * read to the end as a client would, with its wall time, size and the process's peak RSS sampled
 * every 20 ms; then "verify log".
 */
export async function measureAudit(carrierId: string, courierId: string, rows: number): Promise<void> {
  const sql = getSql();
  let start = performance.now();
  // A thousand rows a statement, each its own transaction, as many servers' requests would.
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
    `\naudit rows written through the insert trigger: ${rows} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  // The server's own sequencer runs meanwhile (and may hold the carrier's lock): link what is left.
  start = performance.now();
  const waiting = async () =>
    (
      await sql<{ n: number }[]>`
      select count(*)::int as n from disclosures where carrier_id = ${carrierId} and chain_seq is null`
    )[0]?.n ?? 0;
  while ((await sequenceAuditLog(sql)) > 0 || (await waiting()) > 0) await new Promise((r) => setTimeout(r, 50));
  console.log(`every row sequenced ${((performance.now() - start) / 1000).toFixed(1)} s after the last insert`);

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
