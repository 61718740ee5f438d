import type { Database, Transaction } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { runIdempotent, storedError, type StoredResponse } from "@/lib/idempotency/idempotency";
import { fieldErrors } from "@/lib/validation/field-errors";
import { batchInputSchema, parcelInputFastPath, parcelInputSchema, type ParcelInputData } from "./parcel-input";
import { registerParcels, type Registrar } from "./register";

export type RegisterMode = "single" | "batch";

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

/**
 * Registers one parcel or a batch (all or nothing) from a request's JSON body, validated inside
 * the transaction; with an Idempotency-Key, once per key and registrar (a replay answers the
 * first registration again). The API key is the registrar: its keys are its own.
 */
export async function registerFromBody(
  deps: { db: Database; config: Env },
  registrar: Registrar & { apiKeyId: string },
  mode: RegisterMode,
  value: unknown,
  key: string | null,
): Promise<StoredResponse & { replayed?: boolean }> {
  const { db, config } = deps;
  const handle = async (tx: Transaction): Promise<StoredResponse> => {
    if (mode === "single") {
      const parsed = parcelInputSchema.safeParse(value);
      if (!parsed.success) return invalid(fieldErrors(parsed.error));
      const [registered] = await registerParcels(tx, registrar, [parsed.data], config);
      return { status: 201, body: registered };
    }
    const batch = batchInputSchema.safeParse(value);
    if (!batch.success) return invalid(fieldErrors(batch.error));
    const parcels = validParcels(batch.data.parcels);
    return { status: 201, body: { parcels: await registerParcels(tx, registrar, parcels, config) } };
  };
  try {
    const scope = `api_key:${registrar.apiKeyId}:${mode}`;
    return key ? await runIdempotent(db, scope, key, value, handle) : await db.transaction(handle);
  } catch (error) {
    if (error instanceof InvalidParcels) return invalid(error.fields);
    throw error;
  }
}
