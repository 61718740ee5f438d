import { appDeps } from "@/lib/http/app-deps";
import { requestMeta, type RequestMeta } from "@/lib/http/request-meta";
import { resolveParcel } from "../resolve";
import { callerViewer, requireCaller } from "./caller";
import { outcomeResponse } from "./outcome-response";

/**
 * GET /api/v1/parcels/{code} with an API key or a session: the view the caller's role allows.
 * `meta` is the caller as whichever saw the request: the route handler or the front of scripts/serve.ts.
 */
export async function resolveHandler(
  request: Request,
  code: string,
  meta: RequestMeta = requestMeta(request.headers),
): Promise<Response> {
  const auth = await requireCaller(request, ["recipient", "courier", "admin"]);
  if (!auth.ok) return auth.response;
  const outcome = await resolveParcel(appDeps(), callerViewer(auth.caller), code, meta);
  return outcomeResponse(outcome);
}
