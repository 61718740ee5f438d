import { revealAddress } from "@/lib/courier/reveal";
import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { requestMeta } from "@/lib/http/request-meta";
import { storedJson } from "@/lib/http/stored-response";
import { ok } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** The full address while delivering, audited per reveal. */
export const POST = apiRoute(
  {
    route: "/api/v1/courier/parcels/[code]/address",
    callers: callers.courier,
    params: parcelCodeParams,
    openapi: {
      summary: "The full address while the delivery is active (the assigned courier; audited)",
      responses: ok("The address"),
    },
  },
  async ({ request, caller, params: { code } }) =>
    storedJson(await revealAddress(appDeps(), caller, code, requestMeta(request.headers))),
);
