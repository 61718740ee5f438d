import { env } from "@/lib/config/env";
import { apiJson } from "@/lib/http/api-response";
import { openApiDocument } from "@/lib/openapi/document";
import { declaredRoutes } from "../v1/declared-routes";

export const dynamic = "force-dynamic";

/** Public: the description of the API, no data. */
export const GET = () => apiJson(openApiDocument(env().PUBLIC_URL, declaredRoutes));
