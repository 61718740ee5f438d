import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import { apiError, apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { isSameOrigin } from "@/lib/http/same-origin";
import { callerCarrierId, requireCaller, type ApiCaller } from "@/lib/parcels/http/caller";
import type { Registrar } from "@/lib/parcels/register";
import { IMPORT_ENCODINGS } from "../encoding";
import { enqueueImport } from "../queue";
import { ImportTooLarge, importStatus, MAX_IMPORT_BYTES, storeImport } from "../store";

/** The query of POST /api/v1/imports, also the OpenAPI document's description of it. */
export const importQuerySchema = z.strictObject({
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  mode: z.enum(["all", "valid"]).default("all"),
});

export const importIdSchema = z.uuid();

function registrarOf(caller: ApiCaller<"admin">): Registrar {
  const carrierId = callerCarrierId(caller);
  return caller.kind === "api_key"
    ? { carrierId, apiKeyId: caller.apiKeyId }
    : { carrierId, userId: caller.user.userId };
}

/**
 * POST /api/v1/imports: the body is stored (streamed, encrypted) and a job queued → 202 { id }.
 * Only `text/csv`: a cross-site form cannot send that type without a CORS preflight, and a
 * session caller must also be same-origin.
 */
export async function createImportHandler(request: Request): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  if (auth.caller.kind === "session" && !isSameOrigin(request.headers)) {
    return apiError(403, "forbidden", "Cross-origin requests are refused.");
  }
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "text/csv") return apiError(415, "unsupported_media_type", "Send the file as `text/csv`.");
  const query = importQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return apiError(400, "invalid_input", "Some query parameters are not valid.", {
      fields: Object.fromEntries(query.error.issues.map((i) => [String(i.path[0] ?? "query"), [i.message]])),
    });
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES || !request.body) {
    return apiError(request.body ? 413 : 400, "invalid_input", `Send a CSV file of at most ${MAX_IMPORT_BYTES} bytes.`);
  }
  try {
    const id = await storeImport(
      appDeps(),
      registrarOf(auth.caller),
      Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>),
      query.data,
    );
    await enqueueImport(id);
    return apiJson({ id }, 202);
  } catch (error) {
    if (error instanceof ImportTooLarge)
      return apiError(413, "too_large", `The file is over ${MAX_IMPORT_BYTES} bytes.`);
    throw error;
  }
}

/** GET /api/v1/imports/{id}: the import's state for the carrier that made it; 404 for anyone else's. */
export async function importStatusHandler(request: Request, rawId: string): Promise<Response> {
  const auth = await requireCaller(request, ["admin"]);
  if (!auth.ok) return auth.response;
  const id = importIdSchema.safeParse(rawId);
  const carrierId = registrarOf(auth.caller).carrierId;
  const status = id.success ? await importStatus(appDeps().db, carrierId, id.data) : null;
  if (!status) return apiError(404, "not_found", "No import has this id.");
  return apiJson(status, 200, { "cache-control": "no-store" });
}
