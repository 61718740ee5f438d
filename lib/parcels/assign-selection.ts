import "server-only";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import type { RedisClient } from "@/lib/redis/client";
import { transaction } from "@/db/transaction";
import { parcels } from "@/db/schema";
import { ok, type Result } from "@/lib/core/result";
import { activeCourierProblem } from "@/lib/couriers/active-courier";
import type { Env } from "@/lib/config/env";
import { assignCodes } from "./assign-many";
import { parseParcelCode } from "./code";
import { notifyAssignedOnCommit } from "@/lib/notifications/triggers";
import { forgetSnapshotOnCommit } from "./snapshot";

type Deps = { db: Database; redis: RedisClient; config: Pick<Env, "PII_KEYS"> };

/** At most this many parcels per call: a page of the list is 50. */
const MAX_SELECTION = 500;

export const selectionSchema = z.object({
  codes: z
    .array(z.string().max(64), { error: "must be a list of parcel codes" })
    .min(1, "select at least one parcel")
    .max(MAX_SELECTION, `select at most ${MAX_SELECTION} parcels`),
  // Empty: unassign.
  courierId: z.union([z.uuid({ error: "choose a courier" }), z.literal("")]),
});

/**
 * The console's "assign the selected parcels": each parcel of the admin's carrier whose delivery
 * has not ended goes to the courier (one of the carrier's active couriers), or back to nobody.
 * Codes of other carriers or of no parcel are counted as skipped, never told apart.
 */
export async function assignSelection(
  deps: Deps,
  carrierId: string,
  input: z.output<typeof selectionSchema>,
): Promise<Result<{ assigned: number; skipped: number }>> {
  const codes = [...new Set(input.codes.map(parseParcelCode).filter((code): code is string => code !== null))];
  const skippedBadCodes = new Set(input.codes).size - codes.length;
  if (input.courierId !== "") {
    const problem = await activeCourierProblem(deps.db, carrierId, input.courierId);
    if (problem) return problem;
  }
  const done = await transaction(deps.db, async (tx) => {
    const assignments = codes.map((code) => ({ code, courierId: input.courierId }));
    const changed =
      input.courierId !== ""
        ? await assignCodes(tx, deps.config, carrierId, assignments, { onlyUnassigned: false })
        : await unassign(tx, carrierId, codes);
    forgetSnapshotOnCommit(tx, deps.redis, ...changed);
    if (input.courierId !== "") notifyAssignedOnCommit(tx, input.courierId, changed);
    return changed;
  });
  return ok({ assigned: done.length, skipped: codes.length - done.length + skippedBadCodes });
}

/** Back to nobody: the carrier's parcels among `codes` whose delivery has not ended. */
async function unassign(tx: Transaction, carrierId: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await tx
    .update(parcels)
    .set({ courierId: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(parcels.carrierId, carrierId),
        inArray(parcels.code, codes),
        notInArray(parcels.status, ["delivered", "returned"]),
      ),
    )
    .returning({ code: parcels.code });
  return rows.map((row) => row.code);
}
