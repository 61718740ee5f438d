import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "zod";
import { apiRoute, callers } from "@/lib/http/api-route";
import { apiError, apiJson } from "@/lib/http/api-response";
import { callerRegistrar } from "@/lib/http/caller";
import { IMPORT_ENCODINGS } from "@/lib/imports/encoding";
import { enqueueImport } from "@/lib/imports/queue";
import { ImportTooLarge, MAX_IMPORT_BYTES, storeImport } from "@/lib/imports/store";
import { content, errors } from "@/lib/openapi/parts";
import { appDeps } from "@/lib/runtime/app-deps";

export const dynamic = "force-dynamic";

const importQuerySchema = z.strictObject({
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  mode: z.enum(["all", "valid"]).default("all"),
});

const invalidQuery = (error: z.ZodError) =>
  apiError(400, "invalid_input", "Some query parameters are not valid.", {
    fields: Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "query"), [i.message]])),
  });

/**
 * The body is stored (streamed, encrypted) and a job queued → 202 { id }. Only `text/csv`: a
 * cross-site form cannot send that type without a CORS preflight, and a session caller must
 * also be same-origin.
 */
export const POST = apiRoute(
  {
    route: "/api/v1/imports",
    callers: callers.roles("admin"),
    scope: "parcels:write",
    sameOriginSessions: true,
    query: importQuerySchema,
    invalidQuery,
    openapi: {
      summary: "Import a CSV file as a job (API key or admin session)",
      description:
        "Columns (header row, Korean or English): name/이름, phone/전화번호, address/주소, addressDetail/상세주소, postalCode/우편번호, memo/메모, itemName/품목, reference/참조. Rows are numbered from 1 after the header.",
      requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
      responses: { "202": { description: "Queued", content: content(z.object({ id: z.uuid() })) }, ...errors },
    },
  },
  async ({ request, caller, query }) => {
    const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "text/csv") return apiError(415, "unsupported_media_type", "Send the file as `text/csv`.");
    if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES || !request.body) {
      return apiError(
        request.body ? 413 : 400,
        "invalid_input",
        `Send a CSV file of at most ${MAX_IMPORT_BYTES} bytes.`,
      );
    }
    const file = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
    try {
      const id = await storeImport(appDeps(), callerRegistrar(caller), file, query);
      await enqueueImport(id);
      return apiJson({ id }, 202);
    } catch (error) {
      if (error instanceof ImportTooLarge)
        return apiError(413, "too_large", `The file is over ${MAX_IMPORT_BYTES} bytes.`);
      throw error;
    }
  },
);
