import { auditQuerySchema } from "@/lib/audit/audit-query";
import { importLabelsQuerySchema } from "@/lib/parcels/http/label-handler";
import { errors, queryParameters } from "./parts";

/** The carrier console's own routes: the audit log, an import's labels. */
export const consolePaths = {
  "/api/v1/audit": {
    get: {
      summary: "The carrier's audit log (every full disclosure), newest first, 50 a page (API key or admin session)",
      description:
        "Filters: `courier` (a staff member's id), `parcel` (a code), `from`/`to` (days in Korea). " +
        "`after` is the previous page's `next`. Each row carries its hash in the carrier's hash chain.",
      parameters: queryParameters(auditQuerySchema),
      responses: { "200": { description: "`{ rows, next }`" }, ...errors },
    },
  },
  "/api/v1/audit/export": {
    get: {
      summary: "The matching audit rows as CSV, streamed (API key or admin session)",
      parameters: queryParameters(auditQuerySchema.omit({ after: true })),
      responses: { "200": { description: "CSV", content: { "text/csv": {} } }, ...errors },
    },
  },
  "/api/v1/imports/{id}/labels.pdf": {
    get: {
      summary: "The labels of a whole import as one PDF, 1,000 a part, in import order (API key or admin session)",
      description:
        "`size`: `a4` (sheets of four, the default), `4x6` or `a6` (one a page). `part`: 1, 2, … for imports over 1,000.",
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
        ...queryParameters(importLabelsQuerySchema),
      ],
      responses: { "200": { description: "PDF", content: { "application/pdf": {} } }, ...errors },
    },
  },
};
