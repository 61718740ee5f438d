import "server-only";
import { z } from "zod";
import { sessionFromRequest } from "@/lib/auth/request-session";
import { viewerOf } from "@/lib/core/session-user";
import { apiError, apiJson, rateLimited } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { requestMeta } from "@/lib/http/request-meta";
import { callerViewer, requireCaller } from "@/lib/parcels/http/caller";
import { notFound } from "@/lib/parcels/http/outcome-response";
import { fieldErrors } from "@/lib/validation/field-errors";
import { createReport } from "../create-report";
import { listCarrierReports } from "../list-reports";

const MAX_BYTES = 4 * 1024;

/**
 * POST /api/v1/parcels/{code}/reports: no account needed for "found" (throttled per IP); a
 * session, when there is one, makes the reporter known (and is required for the owner's kinds).
 */
export async function postReportHandler(request: Request, code: string): Promise<Response> {
  const user = await sessionFromRequest(request);
  const body = await readJson(request, MAX_BYTES);
  if (!body.ok) return body.response;
  const outcome = await createReport(appDeps(), viewerOf(user), code, body.value, requestMeta(request.headers));
  switch (outcome.kind) {
    case "created":
      return apiJson({ reference: outcome.reference }, 201);
    case "invalid":
      return apiError(400, "invalid_input", "Some fields are not valid.", { fields: outcome.fields });
    case "not_found":
      return notFound();
    case "forbidden":
      return apiError(403, "forbidden", "Only the parcel's recipient, signed in, can send this report.");
    case "rate_limited":
      return rateLimited(outcome.retryAfterSeconds);
  }
}

export const reportListQuerySchema = z.strictObject({
  before: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" }).optional(),
});

/** GET /api/v1/reports?before=: the caller's carrier's reports, for its API key or admins. */
export async function listReportsHandler(request: Request): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const viewer = callerViewer(auth.caller);
  if (viewer.kind !== "admin" && viewer.kind !== "api_key")
    return apiError(403, "forbidden", "Your account may not do this.");
  const query = reportListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return apiError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(query.error) });
  }
  const { db, config } = appDeps();
  const before = query.data.before ? new Date(query.data.before) : undefined;
  return apiJson({ reports: await listCarrierReports(db, config, viewer.carrierId, before) });
}
