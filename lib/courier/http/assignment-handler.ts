import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { assignParcel } from "@/lib/parcels/assignment";
import { parseParcelCode } from "@/lib/parcels/code";
import { callerCarrierId, requireCaller } from "@/lib/parcels/http/caller";
import { notFound } from "@/lib/parcels/http/outcome-response";
import { storedResponse } from "./courier-caller";

/** POST /api/v1/parcels/{code}/assignment with the carrier's API key or an admin's session. */
export async function assignmentHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const carrierId = callerCarrierId(auth.caller);
  const code = parseParcelCode(rawCode);
  if (!code) return notFound();
  const body = await readJson(request, 4 * 1024);
  if (!body.ok) return body.response;
  return storedResponse(await assignParcel(appDeps(), carrierId, code, body.value));
}
