import "server-only";
import { getSql } from "@/db/client";
import { apiError, apiJson } from "@/lib/http/api-response";
import { callerCarrierId, requireCaller } from "@/lib/parcels/http/caller";
import { fieldErrors } from "@/lib/validation/field-errors";
import { auditCsvStream } from "../audit-export";
import { listAudit } from "../audit-list";
import { auditQuerySchema, type AuditQuery } from "../audit-query";

type Checked = { ok: true; carrierId: string; query: AuditQuery } | { ok: false; response: Response };

/** An admin session or API key of a carrier, and valid filters; the carrier is always the caller's own. */
async function checked(request: Request): Promise<Checked> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth;
  const query = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    const fields = fieldErrors(query.error);
    return { ok: false, response: apiError(400, "invalid_input", "Some fields are not valid.", { fields }) };
  }
  return { ok: true, carrierId: callerCarrierId(auth.caller), query: query.data };
}

/** GET /api/v1/audit?courier=&parcel=&from=&to=&after=: one page of the carrier's audit log, newest first. */
export async function auditPageHandler(request: Request): Promise<Response> {
  const check = await checked(request);
  if (!check.ok) return check.response;
  return apiJson(await listAudit(getSql(), check.carrierId, check.query));
}

/** GET /api/v1/audit/export?courier=&parcel=&from=&to=: every matching row as CSV, streamed. */
export async function auditExportHandler(request: Request): Promise<Response> {
  const check = await checked(request);
  if (!check.ok) return check.response;
  const day = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  return new Response(auditCsvStream(getSql(), check.carrierId, check.query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
