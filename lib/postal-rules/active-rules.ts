import { and, eq, isNull } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { postalRules, users } from "@/db/schema";
import type { PrefixRule } from "./match";

/** The rules a new parcel is matched against: only those whose courier is still active. */
export async function activeRules(tx: Database | Transaction, carrierId: string): Promise<PrefixRule[]> {
  return tx
    .select({ prefix: postalRules.prefix, courierId: postalRules.courierId })
    .from(postalRules)
    .innerJoin(users, eq(users.id, postalRules.courierId))
    .where(and(eq(postalRules.carrierId, carrierId), isNull(users.disabledAt)));
}
