import { appDeps } from "@/lib/http/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { resolveParcel } from "../resolve";
import { requireApiKey } from "./caller";
import { outcomeResponse } from "./outcome-response";

/** GET /api/v1/parcels/{code}: the view the caller's role allows. */
export async function resolveHandler(request: Request, code: string): Promise<Response> {
  const auth = await requireApiKey(request);
  if (!auth.ok) return auth.response;
  const outcome = await resolveParcel(appDeps(), auth.caller, code, requestMeta(request.headers));
  return outcomeResponse(outcome);
}
