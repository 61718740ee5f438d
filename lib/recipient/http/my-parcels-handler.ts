import "server-only";
import { requireCaller } from "@/lib/parcels/http/caller";
import { apiError, apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { fieldErrors } from "@/lib/validation/field-errors";
import { listMyParcels, myParcelsFilterSchema } from "../my-parcels";

/** GET /api/v1/me/parcels?status=&carrier=: a recipient's session only (a valid API key is nobody's "me": 403). */
export async function myParcelsHandler(request: Request): Promise<Response> {
  const auth = await requireCaller(request, ["recipient"]);
  if (!auth.ok) return auth.response;
  if (auth.caller.kind !== "session" || !auth.caller.user.phoneHash) {
    return apiError(403, "forbidden", "Your account may not do this.");
  }
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filter = myParcelsFilterSchema.safeParse(query);
  if (!filter.success) {
    return apiError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(filter.error) });
  }
  return apiJson(await listMyParcels(appDeps().db, auth.caller.user.phoneHash, filter.data));
}
