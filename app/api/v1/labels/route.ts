import { z } from "zod";
import { apiRoute, callers } from "@/lib/http/api-route";
import { apiError } from "@/lib/http/api-response";
import { callerCarrierId } from "@/lib/http/caller";
import { pdfResponse } from "@/lib/http/pdf-response";
import { labelLayoutSchema, renderLabelBatchPdf } from "@/lib/labels/label-pdf";
import { labelsByCodes, LABELS_PER_PDF } from "@/lib/labels/label-data";
import { pdf } from "@/lib/openapi/parts";
import { parseParcelCode } from "@/lib/parcels/code";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const sheetSchema = z.strictObject({
  codes: z
    .array(z.string().max(64))
    .min(1, "must name at least one parcel")
    .max(LABELS_PER_PDF, `must name at most ${LABELS_PER_PDF}`),
  // A4 sheets of four (the default), or one label a page at 4x6 or A6.
  size: labelLayoutSchema,
});

/** {codes, size?}: one PDF of the given parcels' labels, in the order given. */
export const POST = apiRoute(
  {
    route: "/api/v1/labels",
    callers: callers.roles("admin"),
    scope: "labels",
    body: { maxBytes: 128 * 1024, schema: sheetSchema },
    openapi: {
      summary:
        "One PDF of labels for the given parcels: A4 sheets of four, or 4x6 / A6 singles (API key or admin session)",
      responses: pdf,
    },
  },
  async ({ caller, body }) => {
    const codes = body.codes.map((code) => parseParcelCode(code));
    const known = codes.filter((c): c is string => c !== null);
    const labels = await labelsByCodes(appDeps(), callerCarrierId(caller), known);
    if (known.length < codes.length || labels.length !== codes.length) {
      return apiError(400, "invalid_input", "Some codes are not parcels of your carrier.", {
        fields: { codes: ["contains unknown codes"] },
      });
    }
    return pdfResponse(await renderLabelBatchPdf(labels, body.size), "labels.pdf");
  },
);
