import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { apiKeys, carriers, disclosures, users } from "@/db/schema";

/**
 * One full view of a parcel by someone other than its owner, as the owner reads it: who
 * (role and the courier's or admin's display name, or the API key's name), of which carrier,
 * when and which fields. The viewer's IP and browser stay in the audit row for the carrier.
 */
export type DisclosureEntry = {
  role: "courier" | "admin" | "api_key";
  displayName: string | null;
  carrierName: string | null;
  at: string;
  fields: string[];
};

const userCarriers = alias(carriers, "user_carriers");
const keyCarriers = alias(carriers, "key_carriers");

/** Oldest first, as a log reads; the owner's own views are never written (see decideAccess). */
export async function listDisclosures(db: Database, parcelId: string): Promise<DisclosureEntry[]> {
  const rows = await db
    .select({
      role: disclosures.viewerRole,
      userName: users.displayName,
      keyName: apiKeys.name,
      carrierName: sql<string | null>`coalesce(${userCarriers.name}, ${keyCarriers.name})`,
      at: disclosures.createdAt,
      fields: disclosures.fields,
    })
    .from(disclosures)
    .leftJoin(users, eq(users.id, disclosures.viewerUserId))
    .leftJoin(userCarriers, eq(userCarriers.id, users.carrierId))
    .leftJoin(apiKeys, eq(apiKeys.id, disclosures.viewerApiKeyId))
    .leftJoin(keyCarriers, eq(keyCarriers.id, apiKeys.carrierId))
    .where(eq(disclosures.parcelId, parcelId))
    .orderBy(asc(disclosures.createdAt), asc(disclosures.id));
  return rows.map((row) => ({
    role: row.role as DisclosureEntry["role"],
    displayName: row.userName ?? row.keyName,
    carrierName: row.carrierName,
    at: row.at.toISOString(),
    fields: row.fields,
  }));
}
