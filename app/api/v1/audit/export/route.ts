import { getSql } from "@/db/client";
import { auditCsvStream } from "@/lib/audit/audit-export";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { apiRoute, callers } from "@/lib/http/api-route";
import { callerCarrierId } from "@/lib/http/caller";
import { errors } from "@/lib/openapi/parts";

export const dynamic = "force-dynamic";

/** ?courier=&parcel=&from=&to=: every matching row of the caller's own carrier as CSV, streamed. */
export const GET = apiRoute(
  {
    route: "/api/v1/audit/export",
    callers: callers.roles("admin"),
    scope: "parcels:read",
    query: auditQuerySchema,
    openapi: {
      summary: "The matching audit rows as CSV, streamed (API key or admin session)",
      responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors },
    },
  },
  async ({ caller, query }) => {
    const day = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    return new Response(auditCsvStream(getSql(), callerCarrierId(caller), query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
