import { env } from "@/lib/config/env";
import { apiJson } from "@/lib/http/api-response";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** Public: the description of the API, no data. */
export const GET = () => apiJson(openApiDocument(env().PUBLIC_URL));
