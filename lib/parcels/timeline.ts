import { and, asc, eq, gte } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { apiKeys, carriers, parcelEvents, users } from "@/db/schema";
import type { TimelineEntry } from "./parcel-view";
import type { ParcelStatus } from "./status";

/** Everything any reader may be shown about one recorded step; each reader projects its own part. */
export type TimelineRow = {
  status: ParcelStatus;
  at: Date;
  recordedAt: Date;
  reason: string | null;
  note: string | null;
  place: string | null;
  applied: boolean;
  userRole: "recipient" | "courier" | "admin" | null;
  userName: string | null;
  apiKeyId: string | null;
  keyCarrier: string | null;
};

/** Who made a step, as the owner sees it: a courier or admin (with their display name) or the carrier by name. */
export type TimelineActor = { role: "courier" | "admin" | "carrier"; name: string | null };

/** One status step on the owner's page. */
export type OwnerStatusStep = {
  kind: "status";
  status: ParcelStatus;
  at: string;
  place: string | null;
  reason: string | null;
  actor: TimelineActor;
};

const keyCarriers = alias(carriers, "key_carriers");

/**
 * Events are recorded after their parcel's registration; a day's margin covers a transaction that
 * began before the registration committed. The bound lets PostgreSQL skip the partitions of
 * parcel_events from before the parcel existed (db/partitions.ts).
 */
export const RECORDED_MARGIN_MS = 24 * 60 * 60 * 1000;

/** The parcel's recorded events in the order they happened (the device's time, then insertion). */
async function readTimelineRows(
  db: Pick<Database, "select">,
  parcelId: string,
  registeredAt: Date,
): Promise<TimelineRow[]> {
  return db
    .select({
      status: parcelEvents.status,
      at: parcelEvents.occurredAt,
      recordedAt: parcelEvents.recordedAt,
      reason: parcelEvents.reason,
      note: parcelEvents.note,
      place: parcelEvents.place,
      applied: parcelEvents.applied,
      userRole: users.role,
      userName: users.displayName,
      apiKeyId: parcelEvents.actorApiKeyId,
      keyCarrier: keyCarriers.name,
    })
    .from(parcelEvents)
    .leftJoin(users, eq(users.id, parcelEvents.actorUserId))
    .leftJoin(apiKeys, eq(apiKeys.id, parcelEvents.actorApiKeyId))
    .leftJoin(keyCarriers, eq(keyCarriers.id, apiKeys.carrierId))
    .where(
      and(
        eq(parcelEvents.parcelId, parcelId),
        gte(parcelEvents.recordedAt, new Date(registeredAt.getTime() - RECORDED_MARGIN_MS)),
      ),
    )
    .orderBy(asc(parcelEvents.occurredAt), asc(parcelEvents.id));
}

/** A step made by a person: the same role and display name for every reader, never a phone or an email. */
function personOf(row: TimelineRow): { role: "courier" | "admin"; name: string | null } | null {
  return row.userRole === "courier" || row.userRole === "admin" ? { role: row.userRole, name: row.userName } : null;
}

/** The owner is told who acted: a person by display name, anything else as the key's carrier. */
const ownerActor = (row: TimelineRow): TimelineActor => personOf(row) ?? { role: "carrier", name: row.keyCarrier };

/** A full view names people but not the carrier; a step with neither a person nor a key has no `by`. */
const viewerActor = (row: TimelineRow): TimelineEntry["by"] =>
  personOf(row) ?? (row.apiKeyId ? { role: "carrier", name: null } : null);

/** The owner's status steps: `registered` (when and by which carrier), then every event. */
export async function ownerStatusSteps(
  db: Pick<Database, "select">,
  parcel: { id: string; carrierName: string; registeredAt: Date },
): Promise<OwnerStatusStep[]> {
  const rows = await readTimelineRows(db, parcel.id, parcel.registeredAt);
  const registered: OwnerStatusStep = {
    kind: "status",
    status: "registered",
    at: parcel.registeredAt.toISOString(),
    place: null,
    reason: null,
    actor: { role: "carrier", name: parcel.carrierName },
  };
  const steps = rows.map((row): OwnerStatusStep => ({
    kind: "status",
    status: row.status,
    at: row.at.toISOString(),
    place: row.place,
    reason: row.reason,
    actor: ownerActor(row),
  }));
  return [registered, ...steps];
}

/** A full view's timeline: `registered` (from the parcel's registration), then every event. */
export async function fullViewTimeline(
  db: Pick<Database, "select">,
  parcelId: string,
  registeredAt: Date,
): Promise<TimelineEntry[]> {
  return fullViewSteps(await readTimelineRows(db, parcelId, registeredAt), registeredAt);
}

/** The full view's projection of the parcel's recorded events, in the order they happened. */
export function fullViewSteps(rows: readonly TimelineRow[], registeredAt: Date): TimelineEntry[] {
  const registered: TimelineEntry = {
    status: "registered",
    at: registeredAt.toISOString(),
    recordedAt: registeredAt.toISOString(),
    reason: null,
    note: null,
    place: null,
    applied: true,
    by: { role: "carrier", name: null },
  };
  const steps = rows.map((row): TimelineEntry => ({
    status: row.status,
    at: row.at.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    reason: row.reason,
    note: row.note,
    place: row.place,
    applied: row.applied,
    by: viewerActor(row),
  }));
  return [registered, ...steps];
}
