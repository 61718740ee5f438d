import { z } from "zod";
import { apiRoute, callers, parcelCodeParams } from "@/lib/http/api-route";
import { apiError } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { notFound } from "@/lib/http/outcome-response";
import { pdfResponse } from "@/lib/http/pdf-response";
import { labelsByCodes } from "@/lib/labels/label-data";
import { renderLabelPdf } from "@/lib/labels/label-pdf";
import { pdf } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

/** One label a page; other query parameters are ignored. */
const labelQuerySchema = z.object({ size: z.enum(["4x6", "a6"]).default("4x6") });

/** ?size=4x6|a6 — API key or an admin of the parcel's carrier. */
export const GET = apiRoute(
  {
    route: "/api/v1/parcels/[code]/label.pdf",
    callers: callers.roles("admin"),
    scope: "labels",
    query: labelQuerySchema,
    invalidQuery: () =>
      apiError(400, "invalid_input", "Unknown label size.", { fields: { size: ["must be 4x6 or a6"] } }),
    params: parcelCodeParams,
    openapi: { summary: "A printable label (API key or admin session)", responses: pdf },
  },
  async ({ caller, params: { code }, query }) => {
    const [label] = await labelsByCodes(appDeps(), callerCarrierId(caller), [code]);
    if (!label) return notFound();
    return pdfResponse(await renderLabelPdf(label, query.size), `label-${code}.pdf`);
  },
);
