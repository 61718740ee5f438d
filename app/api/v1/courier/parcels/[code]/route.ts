import { scannedParcel } from "@/lib/courier/parcels";
import { apiRoute, callers, lookedUpCodeParams } from "@/lib/http/api-route";
import { outcomeResponse } from "@/lib/http/outcome-response";
import { requestMeta } from "@/lib/http/request-meta";
import { ok } from "@/lib/openapi/parts";
import { parseParcelCode } from "@/lib/parcels/code";
import { chargedLookup } from "@/lib/parcels/resolve";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** One scanned parcel as this courier may see it, on the look-up budget. */
export const GET = apiRoute(
  {
    route: "/api/v1/courier/parcels/[code]",
    callers: callers.courier,
    params: lookedUpCodeParams,
    openapi: { summary: "One scanned parcel of the courier's carrier", responses: ok("The parcel") },
  },
  async ({ request, caller, params }) => {
    const deps = appDeps();
    const code = parseParcelCode(params.code);
    // Another carrier's parcel is not found here, so it costs what an unknown code costs.
    const find = async () => (code ? scannedParcel(deps.db, caller, code) : null);
    return outcomeResponse(await chargedLookup(deps, caller, requestMeta(request.headers), find));
  },
);
