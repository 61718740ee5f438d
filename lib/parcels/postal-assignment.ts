import type { Transaction } from "@/db/client";
import type { Env } from "@/lib/config/env";
import { courierForPostalCode, type PrefixRule } from "@/lib/postal-rules/match";
import { assignCodes } from "./assign-many";
import type { ParcelInput } from "./new-parcel";

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
