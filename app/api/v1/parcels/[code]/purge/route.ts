import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { apiError, apiJson } from "@/lib/http/api-response";
import { ok } from "@/lib/openapi/parts";
import { purgeParcelNow } from "@/lib/parcels/purge";
import { isActiveDelivery } from "@/lib/parcels/status";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/**
 * A JSON body, `{}`, so a cross-site form cannot send it: the owner purges the personal data of
 * an ended delivery now instead of after retention. Purging what is already purged answers 200.
 */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/purge",
    callers: callers.roles("recipient"),
    scope: "parcels:write",
    params: parcelCodeParams,
    parcel: ["owner"],
    body: { maxBytes: 1024 },
    openapi: {
      summary: "The owner purges the parcel's personal data now (delivered or returned only)",
      responses: ok("Purged"),
    },
  },
  async ({ parcel: { parcel } }) => {
    if (isActiveDelivery(parcel.status)) {
      return apiError(409, "delivery_active", "Personal data can be purged once the delivery has ended.");
    }
    await purgeParcelNow(appDeps(), parcel.id);
    return apiJson({ purged: true });
  },
);
