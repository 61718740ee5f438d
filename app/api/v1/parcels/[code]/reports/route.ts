import { viewerOf } from "@/lib/core/session-user";
import { apiRoute, callers, lookedUpCodeParams } from "@/lib/http/api-route";
import { apiError, apiJson, rateLimited } from "@/lib/http/api-response";
import { notFound } from "@/lib/http/outcome-response";
import { requestMeta } from "@/lib/http/request-meta";
import { created } from "@/lib/openapi/parts";
import { createReport } from "@/lib/reports/create-report";
import { reportInputSchema } from "@/lib/reports/report-input";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/**
 * No account needed for "found" (throttled per IP); a session, when there is one, makes the
 * reporter known (and is required for the owner's kinds).
 */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/reports",
    callers: callers.public,
    params: lookedUpCodeParams,
    body: { maxBytes: 4 * 1024, schema: reportInputSchema, parsedBy: "feature" },
    openapi: {
      summary: "I found this parcel (anyone, throttled per IP), not mine or return it (the owner)",
      responses: created("The report's reference"),
    },
  },
  async ({ request, caller, params: { code }, body }) => {
    const outcome = await createReport(appDeps(), viewerOf(caller), code, body, requestMeta(request.headers));
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
  },
);
