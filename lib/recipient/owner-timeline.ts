import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { reports } from "@/db/schema";
import { ownerStatusSteps, type OwnerStatusStep } from "@/lib/parcels/timeline";

/** The owner's timeline: every status step with who and where, and every report on the parcel. */
export type OwnerTimelineEntry =
  | OwnerStatusStep
  | { kind: "report"; report: "found" | "not_mine" | "return"; reference: string; place: string | null; at: string };

/** `registered` (when and by which carrier the parcel was registered), then events and reports by time. */
export async function ownerTimeline(
  db: Database,
  parcel: { id: string; carrierName: string; registeredAt: Date },
): Promise<OwnerTimelineEntry[]> {
  const [steps, filed] = await Promise.all([
    ownerStatusSteps(db, parcel),
    db
      .select({ report: reports.kind, reference: reports.reference, place: reports.place, at: reports.createdAt })
      .from(reports)
      .where(eq(reports.parcelId, parcel.id)),
  ]);
  const notes = filed.map((report): OwnerTimelineEntry => ({ kind: "report", ...report, at: report.at.toISOString() }));
  return [...steps, ...notes].sort((a, b) => a.at.localeCompare(b.at));
}
