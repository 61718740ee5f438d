import { apiRoute, callers } from "@/lib/http/api-route";
import { apiError, apiJson } from "@/lib/http/api-response";
import { ok } from "@/lib/openapi/parts";
import { listMyParcels, myParcelsFilterSchema } from "@/lib/recipient/my-parcels";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** ?status=&carrier=: a recipient's session only (a valid API key is nobody's "me": 403). */
export const GET = apiRoute(
  {
    route: "/api/v1/me/parcels",
    callers: callers.roles("recipient"),
    query: myParcelsFilterSchema,
    openapi: { summary: "The recipient's parcels from every carrier, newest first", responses: ok("The list") },
  },
  async ({ caller, query }) => {
    if (caller.kind !== "session" || !caller.user.phoneHash) {
      return apiError(403, "forbidden", "Your account may not do this.");
    }
    const owner = { userId: caller.user.userId, phoneHash: caller.user.phoneHash };
    return apiJson(await listMyParcels(appDeps().readDb, owner, query));
  },
);
