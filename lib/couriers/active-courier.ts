import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { failure, type Result } from "@/lib/core/result";

/**
 * Null when `courierId` is an active courier of this carrier; otherwise the answer to give, with
 * the field named. What an admin may hand parcels to, by selection or by postal-code rule.
 */
export async function activeCourierProblem(
  db: Pick<Database, "select">,
  carrierId: string,
  courierId: string,
): Promise<Result<never> | null> {
  const [courier] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.id, courierId), eq(users.carrierId, carrierId), eq(users.role, "courier"), isNull(users.disabledAt)),
    );
  if (courier) return null;
  const fields = { courierId: ["is not an active courier of your carrier"] };
  return failure("invalid_input", "Choose an active courier of your carrier.", fields);
}
