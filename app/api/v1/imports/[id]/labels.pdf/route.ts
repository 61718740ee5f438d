import { z } from "zod";
import { apiRoute, callers, uuidIdParams } from "@/lib/http/api-route";
import { callerCarrierId } from "@/lib/http/caller";
import { notFound } from "@/lib/http/outcome-response";
import { pdfResponse } from "@/lib/http/pdf-response";
import { labelsOfImport } from "@/lib/labels/label-data";
import { labelLayoutSchema, renderLabelBatchPdf } from "@/lib/labels/label-pdf";
import { pdf } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const importLabelsQuerySchema = z.strictObject({
  size: labelLayoutSchema,
  part: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(1_000).default(1),
});

/**
 * ?size=&part=: the labels of a whole import of the caller's carrier, LABELS_PER_PDF a part, in
 * the order they were imported. Another carrier's import, or a part past the end, is not found.
 */
export const GET = apiRoute(
  {
    route: "/api/v1/imports/[id]/labels.pdf",
    callers: callers.roles("admin"),
    scope: "labels",
    query: importLabelsQuerySchema,
    params: uuidIdParams("No parcel has this code."),
    openapi: {
      summary: "The labels of a whole import as one PDF, 1,000 a part, in import order (API key or admin session)",
      description:
        "`size`: `a4` (sheets of four, the default), `4x6` or `a6` (one a page). `part`: 1, 2, … for imports over 1,000.",
      responses: pdf,
    },
  },
  async ({ caller, params: { id }, query: { size, part } }) => {
    const labels = await labelsOfImport(appDeps(), callerCarrierId(caller), id, part);
    if (labels.length === 0) return notFound();
    return pdfResponse(await renderLabelBatchPdf(labels, size), `labels-${id.slice(0, 8)}-${part}.pdf`);
  },
);
