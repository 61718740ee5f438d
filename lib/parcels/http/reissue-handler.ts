import { apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { parcelUrl, parseParcelCode } from "../code";
import { reissueCode } from "../reissue";
import { requireApiKey } from "./caller";
import { notFound } from "./outcome-response";

/** POST /api/v1/parcels/{code}/reissue: a new label code; the old one stops resolving. */
export async function reissueHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireApiKey(request);
  if (!auth.ok) return auth.response;
  const code = parseParcelCode(rawCode);
  if (!code) return notFound();
  const { db, redis, config } = appDeps();
  const fresh = await reissueCode({ db, redis }, auth.caller.carrierId, code);
  if (!fresh) return notFound();
  return apiJson({ code: fresh, url: parcelUrl(config.PUBLIC_URL, fresh), previousCode: code }, 201);
}
