import "server-only";
import { apiError, apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { purgeParcelNow } from "@/lib/parcels/purge";
import { isActiveDelivery } from "@/lib/parcels/status";
import { requireParcelCaller } from "./parcel-caller";

/**
 * POST /api/v1/parcels/{code}/purge (a JSON body, `{}`, so a cross-site form cannot send it):
 * the owner purges the personal data of an ended delivery now instead of after retention.
 * Purging what is already purged answers the same 200.
 */
export async function purgeHandler(request: Request, code: string): Promise<Response> {
  const check = await requireParcelCaller(request, code, ["recipient"], ["owner"]);
  if (!check.ok) return check.response;
  const body = await readJson(request, 1024);
  if (!body.ok) return body.response;
  const { parcel } = check.value;
  if (isActiveDelivery(parcel.status)) {
    return apiError(409, "delivery_active", "Personal data can be purged once the delivery has ended.");
  }
  await purgeParcelNow(appDeps(), parcel.id);
  return apiJson({ purged: true });
}
