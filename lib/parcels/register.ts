import type { Database } from "@/db/client";
import { parcelEvents, parcels, type NewParcel } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { parcelUrl } from "./code";
import { newParcelRow, type ParcelInput } from "./new-parcel";

export type RegisteredParcel = { code: string; url: string; status: "registered" };
export type Registrar = { carrierId: string; apiKeyId?: string | null; userId?: string | null };
type Config = Pick<Env, "PII_KEYS" | "AUTH_SECRET" | "PHONE_HASH_KEY" | "PUBLIC_URL">;

// PostgreSQL takes at most 65,535 parameters per statement; a parcel row has under 20.
const ROWS_PER_INSERT = 2_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Registers parcels in one transaction: every one or none. Rows go in with
 * multi-row inserts, each with its first `registered` event. Returns the codes
 * in input order. Pass a transaction to make it part of a larger one.
 */
export async function registerParcels(
  db: Pick<Database, "insert">,
  registrar: Registrar,
  inputs: ParcelInput[],
  config: Config,
): Promise<RegisteredParcel[]> {
  const rows: NewParcel[] = inputs.map((input) => newParcelRow(registrar.carrierId, input, config));
  const now = new Date();
  for (const chunk of chunks(rows, ROWS_PER_INSERT)) {
    await db.insert(parcels).values(chunk);
    await db.insert(parcelEvents).values(
      chunk.map((row) => ({
        parcelId: row.id!,
        status: "registered" as const,
        actorApiKeyId: registrar.apiKeyId ?? null,
        actorUserId: registrar.userId ?? null,
        occurredAt: now,
      })),
    );
  }
  return rows.map((row) => ({ code: row.code, url: parcelUrl(config.PUBLIC_URL, row.code), status: "registered" }));
}
