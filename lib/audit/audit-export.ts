import "server-only";
import type { Sql } from "postgres";
import { csvCell } from "@/lib/export/csv-cell";
import { auditRowsQuery, type AuditColumns, type AuditQuery } from "./audit-query";

const HEADER = ["seq", "at", "parcel_code", "viewer_role", "viewer", "fields", "ip", "user_agent", "prev_hash", "hash"];
const BATCH = 1_000;

function csvLine(row: AuditColumns): string {
  const cells = [
    row.seq ?? "",
    row.at,
    row.code,
    row.viewerRole,
    row.viewer ?? "",
    row.fields.join(";"),
    row.ip ?? "",
    row.userAgent ?? "",
    row.prevHash ?? "",
    row.hash ?? "",
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * The carrier's audit rows matching `query` as a CSV byte stream: read from a cursor a thousand
 * rows at a time and encoded as the reader pulls, so 100,000 rows need no more memory than 1,000.
 * A UTF-8 BOM first, for Korean spreadsheet tools.
 */
export function auditCsvStream(sql: Sql, carrierId: string, query: AuditQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditRowsQuery(sql, carrierId, query, null).cursor(BATCH)[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${HEADER.map(csvCell).join(",")}\r\n`));
    },
    async pull(controller) {
      const batch = await batches.next();
      if (batch.done) return controller.close();
      controller.enqueue(encoder.encode(batch.value.map(csvLine).join("")));
    },
    async cancel() {
      await batches.return?.();
    },
  });
}
