import { apiError, apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/http/app-deps";
import { readJson } from "@/lib/http/read-json";
import { IDEMPOTENCY_KEY, runIdempotent, storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { fieldErrors } from "@/lib/validation/field-errors";
import { batchInputSchema, parcelInputSchema, type ParcelInputData } from "../parcel-input";
import { registerParcels } from "../register";
import { requireApiKey } from "./caller";

const MAX_SINGLE_BYTES = 64 * 1024;
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

const invalid = (fields: Record<string, string[]>) =>
  storedError(400, "invalid_input", "Some fields are not valid.", { fields });

/** Validates a batch item by item so every bad field of every parcel is named at once. */
function parseBatch(
  value: unknown,
): { ok: true; parcels: ParcelInputData[] } | { ok: false; response: StoredResponse } {
  const batch = batchInputSchema.safeParse(value);
  if (!batch.success) return { ok: false, response: invalid(fieldErrors(batch.error)) };
  const fields: Record<string, string[]> = {};
  const parcels: ParcelInputData[] = [];
  batch.data.parcels.forEach((item, index) => {
    const parsed = parcelInputSchema.safeParse(item);
    if (parsed.success) parcels.push(parsed.data);
    else Object.assign(fields, fieldErrors(parsed.error, `parcels.${index}`));
  });
  return Object.keys(fields).length ? { ok: false, response: invalid(fields) } : { ok: true, parcels };
}

async function register(request: Request, mode: "single" | "batch"): Promise<Response> {
  const auth = await requireApiKey(request);
  if (!auth.ok) return auth.response;
  const key = request.headers.get("idempotency-key");
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    return apiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1-255 visible ASCII characters.");
  }
  const body = await readJson(request, mode === "single" ? MAX_SINGLE_BYTES : MAX_BATCH_BYTES);
  if (!body.ok) return body.response;
  const { db, config } = appDeps();
  const registrar = { carrierId: auth.caller.carrierId, apiKeyId: auth.caller.apiKeyId };

  const handle = async (tx: Parameters<typeof registerParcels>[0]): Promise<StoredResponse> => {
    if (mode === "single") {
      const parsed = parcelInputSchema.safeParse(body.value);
      if (!parsed.success) return invalid(fieldErrors(parsed.error));
      const [registered] = await registerParcels(tx, registrar, [parsed.data], config);
      return { status: 201, body: registered };
    }
    const batch = parseBatch(body.value);
    if (!batch.ok) return batch.response;
    return { status: 201, body: { parcels: await registerParcels(tx, registrar, batch.parcels, config) } };
  };

  const result = key
    ? await runIdempotent(db, `api_key:${auth.caller.apiKeyId}:${mode}`, key, body.value, handle)
    : await db.transaction(handle);
  return apiJson(
    result.body,
    result.status,
    "replayed" in result && result.replayed ? { "Idempotent-Replayed": "true" } : {},
  );
}

/** POST /api/v1/parcels */
export const registerOneHandler = (request: Request) => register(request, "single");
/** POST /api/v1/parcels/batch: up to 10,000 parcels, all or nothing. */
export const registerBatchHandler = (request: Request) => register(request, "batch");
