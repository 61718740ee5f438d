import { env } from "@/lib/config/env";
import { referenceHtml } from "@/lib/openapi/reference-html";
import { declaredRoutes } from "../v1/declared-routes";

export const dynamic = "force-dynamic";

/** Public: a readable reference of the API, generated from the same document. */
export const GET = () =>
  new Response(referenceHtml(env().PUBLIC_URL, declaredRoutes), {
    headers: { "content-type": "text/html; charset=utf-8" },
  });
