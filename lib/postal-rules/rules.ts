import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { postalRules, users } from "@/db/schema";
import { failure, ok, type Result } from "@/lib/core/result";
import { activeCourierProblem } from "@/lib/couriers/active-courier";

/** A rule as the console shows it. */
export type PostalRuleRow = { id: string; prefix: string; courierId: string; courierEmail: string; active: boolean };

export const ruleInputSchema = z.object({
  prefix: z
    .string({ error: "must be text" })
    .trim()
    .regex(/^\d{1,5}$/, "must be the first 1 to 5 digits of a postal code"),
  courierId: z.uuid({ error: "choose a courier" }),
});
export const ruleTargetSchema = z.object({ ruleId: z.uuid() });

/** The carrier's rules, shortest prefix first (so a list reads from broad to narrow). */
export async function listPostalRules(db: Database, carrierId: string): Promise<PostalRuleRow[]> {
  const rows = await db
    .select({
      id: postalRules.id,
      prefix: postalRules.prefix,
      courierId: postalRules.courierId,
      courierEmail: users.email,
      disabledAt: users.disabledAt,
    })
    .from(postalRules)
    .innerJoin(users, eq(users.id, postalRules.courierId))
    .where(eq(postalRules.carrierId, carrierId))
    .orderBy(asc(postalRules.prefix));
  return rows.map(({ disabledAt, courierEmail, ...row }) => ({
    ...row,
    courierEmail: courierEmail ?? "",
    active: disabledAt === null,
  }));
}

/**
 * Adds a rule, or gives an existing prefix to another courier. The courier must be an active
 * courier of the same carrier: another carrier's courier is refused like an unknown one.
 */
export async function savePostalRule(
  db: Database,
  carrierId: string,
  input: z.output<typeof ruleInputSchema>,
): Promise<Result<{ id: string }>> {
  const problem = await activeCourierProblem(db, carrierId, input.courierId);
  if (problem) return problem;
  const [row] = await db
    .insert(postalRules)
    .values({ carrierId, prefix: input.prefix, courierId: input.courierId })
    .onConflictDoUpdate({ target: [postalRules.carrierId, postalRules.prefix], set: { courierId: input.courierId } })
    .returning({ id: postalRules.id });
  return ok({ id: row!.id });
}

/** Deletes one of the carrier's rules; another carrier's rule is "not found". */
export async function deletePostalRule(db: Database, carrierId: string, ruleId: string): Promise<Result<null>> {
  const [row] = await db
    .delete(postalRules)
    .where(and(eq(postalRules.id, ruleId), eq(postalRules.carrierId, carrierId)))
    .returning({ id: postalRules.id });
  return row ? ok(null) : failure("not_found", "No such rule in your carrier.");
}
