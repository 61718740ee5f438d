import { z } from "zod";
import { apiError } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { labelsByCodes, labelsOfImport, LABELS_PER_PDF } from "@/lib/labels/label-data";
import { LABEL_LAYOUTS, renderLabelBatchPdf, renderLabelPdf } from "@/lib/labels/label-pdf";
import { fieldErrors } from "@/lib/validation/field-errors";
import { parseParcelCode } from "../code";
import { callerCarrierId, requireCaller } from "./caller";
import { notFound } from "./outcome-response";

function pdf(bytes: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

const invalid = (error: z.ZodError) =>
  apiError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(error) });

/** GET /api/v1/parcels/{code}/label.pdf?size=4x6|a6 — API key or an admin of the parcel's carrier. */
export async function labelHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const size = new URL(request.url).searchParams.get("size") ?? "4x6";
  if (size !== "4x6" && size !== "a6") {
    return apiError(400, "invalid_input", "Unknown label size.", { fields: { size: ["must be 4x6 or a6"] } });
  }
  const code = parseParcelCode(rawCode);
  const [label] = code ? await labelsByCodes(appDeps(), callerCarrierId(auth.caller), [code]) : [];
  if (!label) return notFound();
  return pdf(await renderLabelPdf(label, size), `label-${code}.pdf`);
}

const layout = z.enum(LABEL_LAYOUTS, { error: `must be one of ${LABEL_LAYOUTS.join(", ")}` });

export const sheetSchema = z.strictObject({
  codes: z
    .array(z.string().max(64))
    .min(1, "must name at least one parcel")
    .max(LABELS_PER_PDF, `must name at most ${LABELS_PER_PDF}`),
  // A4 sheets of four (the default), or one label a page at 4x6 or A6.
  size: layout.default("a4"),
});

/** POST /api/v1/labels {codes, size?}: one PDF of the given parcels' labels, in the order given. */
export async function labelSheetHandler(request: Request): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, 128 * 1024);
  if (!body.ok) return body.response;
  const parsed = sheetSchema.safeParse(body.value);
  if (!parsed.success) return invalid(parsed.error);
  const codes = parsed.data.codes.map((code) => parseParcelCode(code));
  const unknown = parsed.data.codes.filter((_, i) => codes[i] === null);
  const labels = await labelsByCodes(
    appDeps(),
    callerCarrierId(auth.caller),
    codes.filter((c): c is string => c !== null),
  );
  if (unknown.length > 0 || labels.length !== codes.length) {
    return apiError(400, "invalid_input", "Some codes are not parcels of your carrier.", {
      fields: { codes: ["contains unknown codes"] },
    });
  }
  return pdf(await renderLabelBatchPdf(labels, parsed.data.size), "labels.pdf");
}

export const importLabelsQuerySchema = z.strictObject({
  size: layout.default("a4"),
  part: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(1_000).default(1),
});

/**
 * GET /api/v1/imports/{id}/labels.pdf?size=&part=: the labels of a whole import of the caller's
 * carrier, LABELS_PER_PDF a part, in the order they were imported. Another carrier's import, or
 * a part past the end, is not found.
 */
export async function importLabelsHandler(request: Request, importId: string): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const query = importLabelsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return invalid(query.error);
  if (!z.uuid().safeParse(importId).success) return notFound();
  const { size, part } = query.data;
  const labels = await labelsOfImport(appDeps(), callerCarrierId(auth.caller), importId, part);
  if (labels.length === 0) return notFound();
  return pdf(await renderLabelBatchPdf(labels, size), `labels-${importId.slice(0, 8)}-${part}.pdf`);
}
