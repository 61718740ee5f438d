import { listCourierParcels } from "@/lib/courier/parcels";
import { apiRoute, callers } from "@/lib/http/api-route";
import { apiJson } from "@/lib/http/api-response";
import { ok } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  {
    route: "/api/v1/courier/parcels",
    callers: callers.courier,
    openapi: { summary: "The courier's active parcels, masked, with their next statuses", responses: ok("The list") },
  },
  async ({ caller }) => apiJson({ parcels: await listCourierParcels(appDeps().db, caller) }),
);
