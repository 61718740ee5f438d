import { getSql } from "@/db/client";
import { listAudit } from "@/lib/audit/audit-list";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { apiRoute, callers } from "@/lib/http/api-route";
import { apiJson } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { ok } from "@/lib/openapi/parts";

export const dynamic = "force-dynamic";

/** ?courier=&parcel=&from=&to=&after=: one page of the caller's own carrier's audit log, newest first. */
export const GET = apiRoute(
  {
    route: "/api/v1/audit",
    callers: callers.roles("admin"),
    scope: "parcels:read",
    query: auditQuerySchema,
    openapi: {
      summary: "The carrier's audit log (every full disclosure), newest first, 50 a page (API key or admin session)",
      description:
        "Filters: `courier` (a staff member's id), `parcel` (a code), `from`/`to` (days in Korea). " +
        "`after` is the previous page's `next`. Each row carries its place and hash in the carrier's hash chain " +
        "(`null` until the sequencer links it, a second or two after the view).",
      responses: ok("`{ rows, next }`"),
    },
  },
  async ({ caller, query }) => apiJson(await listAudit(getSql(), callerCarrierId(caller), query)),
);
