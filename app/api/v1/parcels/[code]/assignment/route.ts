import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { callerCarrierId } from "@/lib/http/caller";
import { storedJson } from "@/lib/http/stored-response";
import { ok } from "@/lib/openapi/parts";
import { assignmentSchema, assignParcel } from "@/lib/parcels/assignment";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** With the carrier's API key or an admin's session. */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/assignment",
    callers: callers.roles("admin"),
    scope: "parcels:write",
    params: parcelCodeParams,
    body: { maxBytes: 4 * 1024, schema: assignmentSchema, parsedBy: "feature" },
    openapi: {
      summary: "Assign the parcel to a courier of its carrier, or unassign it (API key or admin session)",
      responses: ok("The assignment, effective at once"),
    },
  },
  async ({ caller, params: { code }, body }) =>
    storedJson(await assignParcel(appDeps(), callerCarrierId(caller), code, body)),
);
