/**
 * The shape of a carrier month for bench:scale, as small pure functions: how a parcel's life runs
 * (its events, when it was delivered, when a courier took it), how the parcels split between
 * carriers and how many couriers carry them. Every draw comes from the generator passed in, so a
 * seed fills the same rows again.
 */
import type { ParcelStatus } from "@/lib/parcels/status";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/**
 * Registrations span two days more than the default retention: the deliveries of the first days
 * are past it (already purged, or the purge's next hour), as in a steady state.
 */
export const DAYS = 32;
/** Parcels in a courier's round for one day. */
export const ROUND = 150;

export type LifeEvent = { status: ParcelStatus; at: number; byCourier: boolean };
export type Life = {
  status: ParcelStatus;
  events: LifeEvent[];
  /** When the courier took it out (the assignment), or null when no courier has it yet. */
  assignedAt: number | null;
  deliveredAt: number | null;
};

const between = (random: () => number, from: number, to: number) => from + random() * (to - from);

/** Couriers set out at the same hour every day; the fill's clock stands two hours into a round. */
const ROUND_STARTED_MS = 2 * HOUR_MS;
/** A parcel goes out on the first round at least this long after its registration (the hubs take the night). */
const TO_ROUND_MS = 16 * HOUR_MS;

/** The first round to start at or after `time`, for a clock that stands ROUND_STARTED_MS into one at `now`. */
function roundAfter(time: number, now: number): number {
  const anchor = now - ROUND_STARTED_MS;
  return anchor + Math.ceil((time - anchor) / DAY_MS) * DAY_MS;
}

/** The events a parcel registered at `createdAt` goes through, all of them, future ones too. */
function fullLife(createdAt: number, now: number, random: () => number): LifeEvent[] {
  // Whole milliseconds: the audit hash covers a row's time in microseconds, as PostgreSQL stores it.
  const event = (status: ParcelStatus, at: number, byCourier: boolean): LifeEvent => ({
    status,
    at: Math.floor(at),
    byCourier,
  });
  const hours = (from: number, to: number) => between(random, from, to) * HOUR_MS;
  let round = roundAfter(createdAt + TO_ROUND_MS, now);
  const events = [
    event("picked_up", createdAt + hours(2, 6), false),
    event("in_transit", createdAt + hours(8, 14), false),
    event("out_for_delivery", round, true),
  ];
  const roll = random();
  if (roll < 0.06) {
    // Nobody home: tried again on the next day's round, and one in three of those goes back.
    const failed = round + hours(1, 8);
    events.push(event("failed_attempt", failed, true));
    if (roll < 0.02) return [...events, event("returned", failed + hours(30, 50), true)];
    round += DAY_MS;
    events.push(event("out_for_delivery", round, true));
  }
  events.push(event("delivered", round + hours(0.5, 10), true));
  return events;
}

/** What has become of a parcel registered at `createdAt` by `now`: the events so far and its status. */
export function parcelLife(createdAt: number, now: number, random: () => number): Life {
  const events = fullLife(createdAt, now, random).filter((event) => event.at <= now);
  const last = events.at(-1);
  const taken = events.find((event) => event.status === "out_for_delivery");
  const delivered = events.find((event) => event.status === "delivered");
  return {
    status: last?.status ?? "registered",
    events,
    assignedAt: taken?.at ?? null,
    deliveredAt: delivered?.at ?? null,
  };
}

/**
 * Each carrier's share of the parcels: a national carrier (the first) with 40%, the others
 * falling off like a Zipf distribution. Sums to 1.
 */
export function carrierShares(count: number): number[] {
  if (count < 1) throw new RangeError("at least one carrier");
  if (count === 1) return [1];
  const tail = Array.from({ length: count - 1 }, (_, i) => 1 / (i + 1));
  const tailSum = tail.reduce((sum, weight) => sum + weight, 0);
  return [0.4, ...tail.map((weight) => (0.6 * weight) / tailSum)];
}

/** Picks an index by its share: `shares` sum to 1, `draw` is in [0, 1). */
export function pickByShare(shares: readonly number[], draw: number): number {
  let left = draw;
  for (let i = 0; i < shares.length; i++) {
    left -= shares[i] ?? 0;
    if (left < 0) return i;
  }
  return shares.length - 1;
}

/** Couriers a carrier needs for `parcels` registered over DAYS days: one a ROUND a day. */
export function couriersFor(parcels: number): number {
  return Math.max(1, Math.ceil(parcels / DAYS / ROUND));
}
