import "server-only";
import { apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { listDisclosures } from "../disclosures";
import { requireParcelCaller } from "./parcel-caller";

/**
 * GET /api/v1/parcels/{code}/disclosures: the owner (also after retention, as the spec keeps
 * the log), or the parcel's carrier (admin session or API key). Couriers never.
 */
export async function disclosuresHandler(request: Request, code: string): Promise<Response> {
  const check = await requireParcelCaller(request, code, ["recipient", "admin"], ["owner", "carrier_staff"]);
  if (!check.ok) return check.response;
  return apiJson({ disclosures: await listDisclosures(appDeps().db, check.value.parcel.id) });
}
