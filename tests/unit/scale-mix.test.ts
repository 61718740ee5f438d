import { describe, expect, it } from "vitest";
import { parcelCodeSource, parseParcelCode } from "@/lib/parcels/code";
import { allowedNext, type ParcelStatus } from "@/lib/parcels/status";
import { carrierShares, couriersFor, DAY_MS, DAYS, parcelLife, pickByShare, ROUND } from "@/scripts/bench/scale/mix";
import { seededRandom } from "@/scripts/bench/seeded-random";

const NOW = Date.UTC(2026, 11, 1, 12);

/** A month of lives, one parcel a minute's share of the month, as the fill draws them. */
function month(count: number) {
  const random = seededRandom(1);
  return Array.from({ length: count }, (_, i) => {
    const createdAt = NOW - DAYS * DAY_MS + Math.floor(((i + random()) / count) * DAYS * DAY_MS);
    return { createdAt, life: parcelLife(createdAt, NOW, random) };
  });
}

describe("bench:scale's month of parcels", () => {
  const lives = month(20_000);
  const share = (test: (status: string) => boolean) =>
    lives.filter(({ life }) => test(life.status)).length / lives.length;

  it("is mostly delivered, a few returned, and about a day's worth still under way", () => {
    expect(share((s) => s === "delivered")).toBeGreaterThan(0.9);
    expect(share((s) => s === "returned")).toBeGreaterThan(0.01);
    expect(share((s) => s === "returned")).toBeLessThan(0.03);
    const underWay = share((s) => s !== "delivered" && s !== "returned");
    expect(underWay).toBeGreaterThan(0.5 / DAYS);
    expect(underWay).toBeLessThan(2.5 / DAYS);
  });

  it("gives an ended parcel 4 to 6 events on average, each allowed after the one before, none after now", () => {
    const ended = lives.filter(({ life }) => life.status === "delivered" || life.status === "returned");
    const mean = ended.reduce((sum, { life }) => sum + life.events.length, 0) / ended.length;
    expect(mean).toBeGreaterThanOrEqual(4);
    expect(mean).toBeLessThanOrEqual(6);
    // Collected, not asserted one by one: 20,000 lives' worth of expect() calls would take seconds.
    const wrong = lives.filter(({ createdAt, life }) => {
      let [previous, previousAt]: [ParcelStatus, number] = ["registered", createdAt];
      const bad = life.events.some((event) => {
        const out = !allowedNext(previous).includes(event.status) || event.at < previousAt || event.at > NOW;
        [previous, previousAt] = [event.status, event.at];
        return out;
      });
      return bad || life.status !== previous;
    });
    expect(wrong).toEqual([]);
  });

  it("has a courier from the first round on and a delivery time exactly when delivered", () => {
    const wrong = lives.filter(({ life }) => {
      const out = life.events.find((event) => event.status === "out_for_delivery");
      return life.assignedAt !== (out?.at ?? null) || (life.deliveredAt !== null) !== (life.status === "delivered");
    });
    expect(wrong).toEqual([]);
  });

  it("draws the same month again from the same seed", () => {
    expect(month(500)).toEqual(month(500));
  });
});

describe("bench:scale's carriers and couriers", () => {
  it("gives the national carrier 40% and the others less, each less than the one before", () => {
    const shares = carrierShares(20);
    expect(shares.reduce((sum, s) => sum + s, 0)).toBeCloseTo(1, 10);
    expect(shares[0]).toBe(0.4);
    for (let i = 2; i < shares.length; i++) expect(shares[i]).toBeLessThan(shares[i - 1]!);
    expect(carrierShares(1)).toEqual([1]);
  });

  it("picks carriers in proportion to their shares", () => {
    const shares = carrierShares(5);
    const random = seededRandom(7);
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[pickByShare(shares, random())]!++;
    counts.forEach((count, i) => expect(count / 50_000).toBeCloseTo(shares[i]!, 2));
  });

  it("has enough couriers for a round of ROUND parcels a day each", () => {
    expect(couriersFor(10_000_000 * 0.4)).toBe(Math.ceil(4_000_000 / DAYS / ROUND));
    expect(couriersFor(10)).toBe(1);
  });
});

describe("bench:scale's parcel codes", () => {
  it("are valid opaque codes, all different", () => {
    const next = parcelCodeSource();
    const codes = Array.from({ length: 100_000 }, next);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 1_000)) expect(parseParcelCode(code)).toBe(code);
  });
});
