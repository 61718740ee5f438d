import { appDeps } from "@/lib/runtime/app-deps";
import { requestMeta } from "@/lib/http/request-meta";
import { resolveParcel } from "../resolve";
import { callerViewer, requireCaller } from "./caller";
import { outcomeResponse } from "./outcome-response";

/** GET /api/v1/parcels/{code} with an API key or a session: the view the caller's role allows. */
export async function resolveHandler(request: Request, code: string): Promise<Response> {
  const auth = await requireCaller(request, ["recipient", "courier", "admin"]);
  if (!auth.ok) return auth.response;
  const outcome = await resolveParcel(appDeps(), callerViewer(auth.caller), code, requestMeta(request.headers));
  return outcomeResponse(outcome);
}
