import { describe, expect, it } from "vitest";
import { newParcelId } from "@/lib/parcels/parcel-id";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisecondsOf = (id: string) => parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("parcel ids (UUIDv7)", () => {
  it("are version 7, RFC variant, and carry the millisecond they were made in", () => {
    const now = Date.now() + 10_000; // later than any id made before in this process
    const id = newParcelId(now);
    expect(id).toMatch(UUID_V7);
    expect(millisecondsOf(id)).toBe(now);
  });

  it("sort in the order they were made, within one millisecond and past 4,096 of them", () => {
    const now = Date.now() + 20_000;
    const ids = Array.from({ length: 10_000 }, () => newParcelId(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The 4,097th id of a millisecond borrows the next one rather than wrapping around.
    expect(millisecondsOf(ids[4_095]!)).toBe(now);
    expect(millisecondsOf(ids[4_096]!)).toBe(now + 1);
  });

  it("keep their order when the clock goes back", () => {
    const now = Date.now() + 40_000;
    const first = newParcelId(now);
    const second = newParcelId(now - 5_000);
    expect(second > first).toBe(true);
  });

  it("differ in their random part", () => {
    const tails = new Set(Array.from({ length: 1_000 }, () => newParcelId().slice(19)));
    expect(tails.size).toBe(1_000);
  });
});
