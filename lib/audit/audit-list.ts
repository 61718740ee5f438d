import "server-only";
import type { Sql } from "postgres";
import { auditRowsQuery, type AuditColumns, type AuditQuery } from "./audit-query";

/** One row of the console's audit log: no personal data of the recipient, only who looked. */
export type AuditRow = Omit<AuditColumns, "prevHash">;

export type AuditPage = { rows: AuditRow[]; next: string | null };

export const AUDIT_PAGE_SIZE = 50;

/** One page of the carrier's audit log by keyset (id): a deep page costs what the first does. */
export async function listAudit(sql: Sql, carrierId: string, query: AuditQuery): Promise<AuditPage> {
  const rows = await auditRowsQuery(sql, carrierId, query, AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const next = rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null;
  return {
    rows: page.map((row) => ({
      id: row.id,
      seq: row.seq,
      at: new Date(row.at).toISOString(),
      code: row.code,
      viewerRole: row.viewerRole,
      viewer: row.viewer,
      fields: row.fields,
      ip: row.ip,
      userAgent: row.userAgent,
      hash: row.hash,
    })),
    next,
  };
}
