import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { apiJson } from "@/lib/http/api-response";
import { ok } from "@/lib/openapi/parts";
import { listDisclosures } from "@/lib/recipient/disclosures";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** The owner (also after retention, as the spec keeps the log), or the parcel's carrier. Couriers never. */
export const GET = apiRoute(
  {
    route: "/api/v1/parcels/[code]/disclosures",
    callers: callers.roles("recipient", "admin"),
    scope: "parcels:read",
    params: parcelCodeParams,
    parcel: ["owner", "carrier_staff"],
    openapi: {
      summary: "Every full view of the parcel (the owner, or the carrier's admins and API keys)",
      responses: ok("The disclosures"),
    },
  },
  async ({ parcel }) => apiJson({ disclosures: await listDisclosures(appDeps().db, parcel.parcel.id) }),
);
