import { apiRoute, callers, uuidIdParams } from "@/lib/http/api-route";
import { apiError, apiJson } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { importStatus } from "@/lib/imports/store";
import { content, errors, importStatusSchema } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const NO_IMPORT = "No import has this id.";

/** The import's state for the carrier that made it; 404 for anyone else's. */
export const GET = apiRoute(
  {
    route: "/api/v1/imports/[id]",
    callers: callers.roles("admin"),
    scope: "parcels:write",
    params: uuidIdParams(NO_IMPORT),
    openapi: {
      summary: "An import's progress and errors",
      responses: { "200": { description: "State", content: content(importStatusSchema) }, ...errors },
    },
  },
  async ({ caller, params: { id } }) => {
    const status = await importStatus(appDeps().db, callerCarrierId(caller), id);
    if (!status) return apiError(404, "not_found", NO_IMPORT);
    return apiJson(status, 200, { "cache-control": "no-store" });
  },
);
