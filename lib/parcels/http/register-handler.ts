import type { Transaction } from "@/db/client";
import { apiError, apiJson } from "@/lib/http/api-response";
import { appDeps } from "@/lib/runtime/app-deps";
import { readJson } from "@/lib/http/read-json";
import { IDEMPOTENCY_KEY, runIdempotent, storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { fieldErrors } from "@/lib/validation/field-errors";
import { batchInputSchema, parcelInputFastPath, parcelInputSchema, type ParcelInputData } from "../parcel-input";
import { registerParcels } from "../register";
import { requireApiKey } from "./caller";

const MAX_SINGLE_BYTES = 64 * 1024;
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

const invalid = (fields: Record<string, string[]>) =>
  storedError(400, "invalid_input", "Some fields are not valid.", { fields });

/** Thrown by validParcels after the last parcel when any was invalid: the registration is rolled back. */
class InvalidParcels extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super("some parcels of the batch are not valid");
  }
}

/** One parcel's data, or its field errors. */
function parseParcel(item: unknown, index: number): { data: ParcelInputData } | { fields: Record<string, string[]> } {
  const fast = parcelInputFastPath(item);
  if (fast !== null) return { data: fast };
  // The schema for whatever the fast path does not vouch for: it also names the errors.
  const parsed = parcelInputSchema.safeParse(item);
  return parsed.success ? { data: parsed.data } : { fields: fieldErrors(parsed.error, `parcels.${index}`) };
}

/**
 * The batch's parcels, validated one by one as registration reads them, so validating the
 * next parcels overlaps PostgreSQL inserting the previous ones. Every parcel is validated,
 * so every bad field of every parcel is named at once; once one is bad no more are handed
 * out, and after the last one InvalidParcels cancels the whole registration.
 */
function* validParcels(items: unknown[]): Generator<ParcelInputData> {
  const fields: Record<string, string[]> = {};
  let allValid = true;
  for (const [index, item] of items.entries()) {
    const parsed = parseParcel(item, index);
    if ("fields" in parsed) {
      allValid = false;
      Object.assign(fields, parsed.fields);
    } else if (allValid) {
      yield parsed.data;
    }
  }
  if (!allValid) throw new InvalidParcels(fields);
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

  const handle = async (tx: Transaction): Promise<StoredResponse> => {
    if (mode === "single") {
      const parsed = parcelInputSchema.safeParse(body.value);
      if (!parsed.success) return invalid(fieldErrors(parsed.error));
      const [registered] = await registerParcels(tx, registrar, [parsed.data], config);
      return { status: 201, body: registered };
    }
    const batch = batchInputSchema.safeParse(body.value);
    if (!batch.success) return invalid(fieldErrors(batch.error));
    const parcels = validParcels(batch.data.parcels);
    return { status: 201, body: { parcels: await registerParcels(tx, registrar, parcels, config) } };
  };

  let result: StoredResponse & { replayed?: boolean };
  try {
    result = key
      ? await runIdempotent(db, `api_key:${auth.caller.apiKeyId}:${mode}`, key, body.value, handle)
      : await db.transaction(handle);
  } catch (error) {
    if (error instanceof InvalidParcels) result = invalid(error.fields);
    else throw error;
  }
  return apiJson(result.body, result.status, result.replayed ? { "Idempotent-Replayed": "true" } : {});
}

/** POST /api/v1/parcels */
export const registerOneHandler = (request: Request) => register(request, "single");
/** POST /api/v1/parcels/batch: up to 10,000 parcels, all or nothing. */
export const registerBatchHandler = (request: Request) => register(request, "batch");
