import { z } from "zod";
import { apiRoute, callers } from "@/lib/http/api-route";
import { apiJson } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { ok } from "@/lib/openapi/parts";
import { listCarrierReports } from "@/lib/reports/list-reports";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const reportListQuerySchema = z.strictObject({
  before: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).optional(),
});

/** ?before=: the caller's carrier's reports, for its API key or admins. */
export const GET = apiRoute(
  {
    route: "/api/v1/reports",
    callers: callers.roles("admin"),
    scope: "reports:read",
    query: reportListQuerySchema,
    openapi: {
      summary: "The carrier's reports, newest first (API key or admin session)",
      responses: ok("The reports"),
    },
  },
  async ({ caller, query }) => {
    const { db, config } = appDeps();
    const before = query.before ? new Date(query.before) : undefined;
    return apiJson({ reports: await listCarrierReports(db, config, callerCarrierId(caller), before) });
  },
);
