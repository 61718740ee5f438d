import "server-only";
import { and, eq, isNotNull, isNull, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { carriers, parcels } from "@/db/schema";
import { failure, ok, type Result } from "@/lib/core/result";
import type { Env } from "@/lib/config/env";
import { drawPins } from "@/lib/parcels/assign-many";
import { PROOF_REQUIREMENTS, type ProofRequirement } from "@/lib/core/proof-requirement";
import { needsPin } from "@/lib/parcels/proof-requirement";

/**
 * Retention: a carrier may keep delivered parcels' personal data from MIN_RETENTION_DAYS up to the
 * server's PII_RETENTION_DAYS (the operator's ceiling, and the default when the carrier sets none).
 * Never longer: the server's value is what the operator promises recipients.
 */
const MIN_RETENTION_DAYS = 1;
export const retentionRange = (config: Pick<Env, "PII_RETENTION_DAYS">) => ({
  min: MIN_RETENTION_DAYS,
  max: config.PII_RETENTION_DAYS,
});

/** What the settings screen shows and saves. `retentionDays` null: the server's default. */
export type CarrierSettings = {
  name: string;
  proofDefault: ProofRequirement;
  selfClaim: boolean;
  retentionDays: number | null;
};

export const settingsSchema = z.object({
  proofDefault: z.enum(PROOF_REQUIREMENTS, { error: `must be one of ${PROOF_REQUIREMENTS.join(", ")}` }),
  selfClaim: z.boolean({ error: "must be true or false" }),
  // Empty: the server's default. Checked against the server's range in saveCarrierSettings.
  retentionDays: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.coerce
      .number({ error: "must be a whole number of days" })
      .int("must be a whole number of days")
      .min(MIN_RETENTION_DAYS, `must be at least ${MIN_RETENTION_DAYS} day`)
      .nullable(),
  ),
});

export async function loadCarrierSettings(db: Database, carrierId: string): Promise<CarrierSettings | null> {
  const [row] = await db
    .select({
      name: carriers.name,
      proofDefault: carriers.proofDefault,
      selfClaim: carriers.selfClaim,
      retentionDays: carriers.retentionDays,
    })
    .from(carriers)
    .where(eq(carriers.id, carrierId));
  return row ?? null;
}

/**
 * Saves the admin's own carrier's settings; the carrier comes from the session, never the input.
 * A default that now asks for a PIN draws one for every assigned, active parcel that follows the
 * default and has none, as an assignment would have: its courier could not deliver it otherwise.
 */
export async function saveCarrierSettings(
  deps: { db: Database; config: Pick<Env, "PII_RETENTION_DAYS" | "PII_KEYS"> },
  carrierId: string,
  input: z.output<typeof settingsSchema>,
): Promise<Result<null>> {
  const { min, max } = retentionRange(deps.config);
  if (input.retentionDays !== null && (input.retentionDays < min || input.retentionDays > max)) {
    const message = `must be between ${min} and ${max} days`;
    return failure("invalid_input", message, { retentionDays: [message] });
  }
  await deps.db.transaction(async (tx) => {
    await tx
      .update(carriers)
      .set({ proofDefault: input.proofDefault, selfClaim: input.selfClaim, retentionDays: input.retentionDays })
      .where(eq(carriers.id, carrierId));
    if (!needsPin(input.proofDefault)) return;
    const waiting = await tx
      .select({ id: parcels.id })
      .from(parcels)
      .where(
        and(
          eq(parcels.carrierId, carrierId),
          isNotNull(parcels.courierId),
          isNull(parcels.proofRequired),
          isNull(parcels.pinCiphertext),
          notInArray(parcels.status, ["delivered", "returned"]),
        ),
      )
      .for("update");
    await drawPins(
      tx,
      deps.config,
      waiting.map((row) => row.id),
    );
  });
  return ok(null);
}
