import { apiRoute, callers, uuidIdParams } from "@/lib/http/api-route";
import { apiError } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { errors } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";
import { deleteWebhook } from "@/lib/webhooks/endpoints";

export const dynamic = "force-dynamic";

const NO_WEBHOOK = "No webhook has this id.";

/** Removes one of the caller's carrier's endpoints and its deliveries; another carrier's is 404. */
export const DELETE = apiRoute(
  {
    route: "/api/v1/webhooks/[id]",
    callers: callers.roles("admin"),
    scope: "webhooks",
    sameOriginSessions: true,
    params: uuidIdParams(NO_WEBHOOK),
    openapi: { summary: "Remove a webhook endpoint", responses: { "204": { description: "Removed" }, ...errors } },
  },
  async ({ caller, params: { id } }) => {
    const removed = await deleteWebhook(appDeps().db, callerCarrierId(caller), id);
    return removed.ok ? new Response(null, { status: 204 }) : apiError(404, "not_found", NO_WEBHOOK);
  },
);
