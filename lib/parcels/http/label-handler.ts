import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { carriers, parcels } from "@/db/schema";
import { apiError } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { renderLabelPdf, renderLabelSheetPdf, type LabelData } from "@/lib/labels/label-pdf";
import { fieldErrors } from "@/lib/validation/field-errors";
import { parcelUrl, parseParcelCode } from "../code";
import { requireCaller, type ApiCaller } from "./caller";
import { notFound } from "./outcome-response";

const MAX_SHEET = 1_000;

function carrierOf(caller: ApiCaller<"admin">): string {
  return caller.kind === "api_key" ? caller.carrierId : caller.user.carrierId;
}

/** The printable facts of the caller's own parcels: never a recipient field, by construction. */
async function labelData(carrierId: string, codes: string[]): Promise<LabelData[]> {
  const { db, config } = appDeps();
  const rows = await db
    .select({
      code: parcels.code,
      carrierName: carriers.name,
      itemName: parcels.itemName,
      printItemName: parcels.printItemName,
    })
    .from(parcels)
    .innerJoin(carriers, eq(carriers.id, parcels.carrierId))
    .where(and(eq(parcels.carrierId, carrierId), inArray(parcels.code, codes)));
  const byCode = new Map(rows.map((row) => [row.code, row]));
  return codes.flatMap((code) => {
    const row = byCode.get(code);
    if (!row) return [];
    const itemName = row.printItemName ? row.itemName : null;
    return [{ url: parcelUrl(config.PUBLIC_URL, code), code, carrierName: row.carrierName, itemName }];
  });
}

function pdf(bytes: Uint8Array, filename: string): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** GET /api/v1/parcels/{code}/label.pdf?size=4x6|a6 — API key or an admin of the parcel's carrier. */
export async function labelHandler(request: Request, rawCode: string): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const size = new URL(request.url).searchParams.get("size") ?? "4x6";
  if (size !== "4x6" && size !== "a6") {
    return apiError(400, "invalid_input", "Unknown label size.", { fields: { size: ["must be 4x6 or a6"] } });
  }
  const code = parseParcelCode(rawCode);
  const [label] = code ? await labelData(carrierOf(auth.caller), [code]) : [];
  if (!label) return notFound();
  return pdf(await renderLabelPdf(label, size), `label-${code}.pdf`);
}

export const sheetSchema = z.strictObject({
  codes: z
    .array(z.string().max(64))
    .min(1, "must name at least one parcel")
    .max(MAX_SHEET, `must name at most ${MAX_SHEET}`),
});

/** POST /api/v1/labels {codes}: A4 sheets of labels for a batch, in the order given. */
export async function labelSheetHandler(request: Request): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const body = await readJson(request, 128 * 1024);
  if (!body.ok) return body.response;
  const parsed = sheetSchema.safeParse(body.value);
  if (!parsed.success)
    return apiError(400, "invalid_input", "Some fields are not valid.", { fields: fieldErrors(parsed.error) });
  const codes = parsed.data.codes.map((code) => parseParcelCode(code));
  const unknown = parsed.data.codes.filter((_, i) => codes[i] === null);
  const labels = await labelData(
    carrierOf(auth.caller),
    codes.filter((c): c is string => c !== null),
  );
  if (unknown.length > 0 || labels.length !== codes.length) {
    return apiError(400, "invalid_input", "Some codes are not parcels of your carrier.", {
      fields: { codes: ["contains unknown codes"] },
    });
  }
  return pdf(await renderLabelSheetPdf(labels), "labels.pdf");
}
