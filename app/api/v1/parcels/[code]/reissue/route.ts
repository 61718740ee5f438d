import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { apiJson } from "@/lib/http/api-response";
import { notFound } from "@/lib/http/outcome-response";
import { created } from "@/lib/openapi/parts";
import { parcelUrl } from "@/lib/parcels/code";
import { reissueCode } from "@/lib/parcels/reissue";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** A new label code; the old one stops resolving. */
export const POST = apiRoute(
  {
    route: "/api/v1/parcels/[code]/reissue",
    callers: callers.apiKey,
    scope: "parcels:write",
    params: parcelCodeParams,
    openapi: {
      summary: "A new code; the old one answers 404 from then on (API key)",
      responses: created("The new code"),
    },
  },
  async ({ caller, params: { code } }) => {
    const { db, redis, config } = appDeps();
    const fresh = await reissueCode({ db, redis }, caller.carrierId, code);
    if (!fresh) return notFound();
    return apiJson({ code: fresh, url: parcelUrl(config.PUBLIC_URL, fresh), previousCode: code }, 201);
  },
);
