import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { storedJson } from "@/lib/http/stored-response";
import { ok } from "@/lib/openapi/parts";
import { claimParcel } from "@/lib/parcels/assignment";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** A courier takes an unassigned parcel, when the carrier allows it. */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/claim",
    callers: callers.courier,
    params: parcelCodeParams,
    openapi: {
      summary: "A courier takes an unassigned parcel by scanning it, when the carrier allows it",
      responses: ok("Claimed"),
    },
  },
  async ({ caller, params: { code } }) => storedJson(await claimParcel(appDeps(), caller, code)),
);
