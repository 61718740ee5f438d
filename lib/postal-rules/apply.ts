import { and, eq, isNull } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { postalRules, users } from "@/db/schema";
import type { Env } from "@/lib/config/env";
import { assignCodes } from "@/lib/parcels/assign-many";
import type { ParcelInput } from "@/lib/parcels/new-parcel";
import { courierForPostalCode, type PrefixRule } from "./match";

/** The rules a new parcel is matched against: only those whose courier is still active. */
export async function activeRules(tx: Database | Transaction, carrierId: string): Promise<PrefixRule[]> {
  return tx
    .select({ prefix: postalRules.prefix, courierId: postalRules.courierId })
    .from(postalRules)
    .innerJoin(users, eq(users.id, postalRules.courierId))
    .where(and(eq(postalRules.carrierId, carrierId), isNull(users.disabledAt)));
}

/** The inputs as they are read, with each one's postal code noted in `into` (input order). */
export function* notingPostalCodes(
  inputs: Iterable<ParcelInput>,
  into: (string | undefined)[],
): Generator<ParcelInput> {
  for (const input of inputs) {
    into.push(input.recipient.postalCode);
    yield input;
  }
}

/**
 * Assigns just-registered parcels (their codes in input order, with their postal codes) by the
 * carrier's rules, in the registration's transaction: every parcel or none. New parcels have no
 * courier yet; one that somehow has is left as it is.
 */
export async function applyPostalRules(
  tx: Transaction,
  config: Pick<Env, "PII_KEYS">,
  carrierId: string,
  rules: readonly PrefixRule[],
  codes: readonly string[],
  postalCodes: readonly (string | undefined)[],
): Promise<number> {
  const assignments = codes.flatMap((code, i) => {
    const courierId = courierForPostalCode(rules, postalCodes[i]);
    return courierId ? [{ code, courierId }] : [];
  });
  return (await assignCodes(tx, config, carrierId, assignments, { onlyUnassigned: true })).length;
}
