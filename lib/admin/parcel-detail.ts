import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { parcelProofs, parcels, users } from "@/db/schema";
import type { SessionUser } from "@/lib/core/session-user";
import { viewerOf } from "@/lib/core/session-user";
import { parseParcelCode } from "@/lib/parcels/code";
import { PIN_MAX_FAILURES } from "@/lib/parcels/proof-requirement";
import { resolveParcel, type ResolveDeps } from "@/lib/parcels/resolve";
import type { ParcelView } from "@/lib/parcels/parcel-view";
import type { RequestMeta } from "@/lib/core/request-meta";

export type AdminParcel = {
  view: ParcelView;
  reference: string | null;
  courierEmail: string | null;
  createdAt: string;
  /** A delivery photo exists: the page shows it through the audited photo route. */
  proofPhoto: boolean;
  /** Five wrong PINs were entered: the PIN no longer delivers, only a photo that decodes does. */
  pinLocked: boolean;
};

/**
 * One of the admin's own carrier's parcels, or null (another carrier's parcel is "not found"
 * here, exactly like an unknown code). The recipient's data comes through resolveParcel, the
 * one path that decides full access and writes the audit row in the same transaction.
 */
export async function loadAdminParcel(
  deps: ResolveDeps,
  user: SessionUser,
  rawCode: string,
  meta: RequestMeta,
): Promise<AdminParcel | "rate_limited" | null> {
  const code = parseParcelCode(rawCode);
  if (!code || !user.carrierId) return null;
  const [own] = await deps.db
    .select({
      reference: parcels.reference,
      courierEmail: users.email,
      createdAt: parcels.createdAt,
      proofPhoto: sql<boolean>`exists (select 1 from ${parcelProofs} where ${parcelProofs.parcelId} = ${parcels.id})`,
      pinLocked: sql<boolean>`${parcels.pinFailures} >= ${PIN_MAX_FAILURES}`,
    })
    .from(parcels)
    .leftJoin(users, eq(users.id, parcels.courierId))
    .where(and(eq(parcels.code, code), eq(parcels.carrierId, user.carrierId)));
  if (!own) return null;
  const outcome = await resolveParcel(deps, viewerOf(user), code, meta);
  if (outcome.kind === "rate_limited") return "rate_limited";
  if (outcome.kind === "not_found") return null;
  return { view: outcome.view, ...own, createdAt: own.createdAt.toISOString() };
}
