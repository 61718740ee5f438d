import { apiRoute, callers, lookedUpCodeParams } from "@/lib/http/api-route";
import { callerViewer } from "@/lib/http/caller";
import { outcomeResponse } from "@/lib/http/outcome-response";
import { requestMeta } from "@/lib/http/request-meta";
import { ok } from "@/lib/openapi/parts";
import { resolveParcel } from "@/lib/parcels/resolve";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** The view the caller's role allows; every code, malformed ones too, costs a look-up. */
export const GET = apiRoute(
  {
    route: "/api/v1/parcels/[code]",
    callers: callers.roles("recipient", "courier", "admin"),
    scope: "parcels:read",
    params: lookedUpCodeParams,
    openapi: { summary: "The view the caller's role allows", responses: ok("A masked or full view") },
  },
  async ({ request, caller, params }) =>
    outcomeResponse(await resolveParcel(appDeps(), callerViewer(caller), params.code, requestMeta(request.headers))),
);
