import "server-only";
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { apiKeys, carriers, parcelEvents, reports, users } from "@/db/schema";
import type { ParcelStatus } from "@/lib/parcels/status";

/** Who made a step: a courier or admin (with their display name) or the carrier's own system. */
export type TimelineActor = { role: "courier" | "admin" | "carrier"; name: string | null };

/** The owner's timeline: every status step with who and where, and every report on the parcel. */
export type OwnerTimelineEntry =
  | {
      kind: "status";
      status: ParcelStatus;
      at: string;
      place: string | null;
      reason: string | null;
      actor: TimelineActor;
    }
  | { kind: "report"; report: "found" | "not_mine" | "return"; reference: string; place: string | null; at: string };

const keyCarriers = alias(carriers, "key_carriers");

function actorOf(row: { userRole: string | null; userName: string | null; keyCarrier: string | null }): TimelineActor {
  if (row.userRole === "courier" || row.userRole === "admin") return { role: row.userRole, name: row.userName };
  return { role: "carrier", name: row.keyCarrier };
}

/** `registered` (when and by which carrier the parcel was registered), then events and reports by time. */
export async function ownerTimeline(
  db: Database,
  parcel: { id: string; carrierName: string; registeredAt: Date },
): Promise<OwnerTimelineEntry[]> {
  const [events, filed] = await Promise.all([
    db
      .select({
        status: parcelEvents.status,
        at: parcelEvents.occurredAt,
        place: parcelEvents.place,
        reason: parcelEvents.reason,
        userRole: users.role,
        userName: users.displayName,
        keyCarrier: keyCarriers.name,
      })
      .from(parcelEvents)
      .leftJoin(users, eq(users.id, parcelEvents.actorUserId))
      .leftJoin(apiKeys, eq(apiKeys.id, parcelEvents.actorApiKeyId))
      .leftJoin(keyCarriers, eq(keyCarriers.id, apiKeys.carrierId))
      .where(eq(parcelEvents.parcelId, parcel.id))
      .orderBy(asc(parcelEvents.occurredAt), asc(parcelEvents.id)),
    db
      .select({ report: reports.kind, reference: reports.reference, place: reports.place, at: reports.createdAt })
      .from(reports)
      .where(eq(reports.parcelId, parcel.id)),
  ]);
  const registered: OwnerTimelineEntry = {
    kind: "status",
    status: "registered",
    at: parcel.registeredAt.toISOString(),
    place: null,
    reason: null,
    actor: { role: "carrier", name: parcel.carrierName },
  };
  const steps = events.map((event): OwnerTimelineEntry => ({
    kind: "status",
    status: event.status,
    at: event.at.toISOString(),
    place: event.place,
    reason: event.reason,
    actor: actorOf(event),
  }));
  const notes = filed.map((report): OwnerTimelineEntry => ({ kind: "report", ...report, at: report.at.toISOString() }));
  return [registered, ...steps, ...notes].sort((a, b) => a.at.localeCompare(b.at));
}
