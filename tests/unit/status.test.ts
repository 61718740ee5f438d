import { describe, expect, it } from "vitest";
import { parcelStatus } from "@/db/schema";
import {
  PARCEL_STATUSES,
  allowedNext,
  checkTransition,
  isActiveDelivery,
  isFinal,
  isParcelStatus,
  type ParcelStatus,
} from "@/lib/parcels/status";

// The whole 7×7 matrix, written out by hand (rows: from, columns: to) so the test
// states the product rule instead of repeating the implementation's table.
const COLUMNS = [
  "registered",
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "failed_attempt",
  "delivered",
  "returned",
] as const;
// prettier-ignore
const EXPECTED: Record<ParcelStatus, readonly (0 | 1)[]> = {
  //                 reg  pick  trans  out  fail  deliv  ret
  registered:       [0,   1,    0,     0,   0,    0,     0],
  picked_up:        [0,   0,    1,     0,   0,    0,     1],
  in_transit:       [0,   0,    0,     1,   0,    0,     1],
  out_for_delivery: [0,   0,    0,     0,   1,    1,     1],
  failed_attempt:   [0,   0,    0,     1,   0,    0,     1],
  delivered:        [0,   0,    0,     0,   0,    0,     0],
  returned:         [0,   0,    0,     0,   0,    0,     0],
};

const pairs = COLUMNS.flatMap((from) => COLUMNS.map((to, column) => [from, to, EXPECTED[from][column] === 1] as const));

describe("parcel statuses", () => {
  it("are the database enum, in life-cycle order", () => {
    expect(PARCEL_STATUSES).toEqual(parcelStatus.enumValues);
    expect([...PARCEL_STATUSES]).toEqual([...COLUMNS]);
  });

  it.each([
    ["in_transit", true],
    ["returned", true],
    ["", false],
    ["IN_TRANSIT", false],
    ["lost", false],
    [null, false],
    [3, false],
  ])("isParcelStatus(%j) is %s", (value, expected) => {
    expect(isParcelStatus(value)).toBe(expected);
  });
});

describe("checkTransition: the full matrix", () => {
  it("covers 49 pairs", () => expect(pairs).toHaveLength(49));

  // A reason is always given here so that only the transition rule is under test.
  it.each(pairs)("%s → %s allowed: %s", (from, to, allowed) => {
    const result = checkTransition(from, to, "recipient not at home");
    if (allowed) {
      expect(result).toEqual({ ok: true });
    } else {
      const expectedAllowed = COLUMNS.filter((_, column) => EXPECTED[from][column] === 1);
      expect(result).toMatchObject({ ok: false, code: "invalid_transition", allowed: expectedAllowed });
      if (!result.ok) expect(result.message).toContain(`${from} to ${to}`);
    }
  });

  it.each(COLUMNS)("allowedNext(%s) agrees with the matrix, in life-cycle order", (from) => {
    expect(allowedNext(from)).toEqual(COLUMNS.filter((_, c) => EXPECTED[from][c] === 1));
  });

  it("says a final status is final", () => {
    const result = checkTransition("delivered", "returned");
    expect(result).toMatchObject({ ok: false, allowed: [] });
    if (!result.ok) expect(result.message).toContain("delivered is final");
  });
});

describe("checkTransition: reasons", () => {
  it.each([undefined, null, "", "   ", "\n\t"])("refuses failed_attempt with reason %j", (reason) => {
    expect(checkTransition("out_for_delivery", "failed_attempt", reason)).toMatchObject({
      ok: false,
      code: "reason_required",
    });
  });

  it("accepts failed_attempt with a reason", () => {
    expect(checkTransition("out_for_delivery", "failed_attempt", " 부재중 ")).toEqual({ ok: true });
  });

  it("reports an invalid transition before a missing reason", () => {
    expect(checkTransition("in_transit", "failed_attempt")).toMatchObject({ code: "invalid_transition" });
  });

  it.each([
    ["registered", "picked_up"],
    ["failed_attempt", "out_for_delivery"],
    ["out_for_delivery", "delivered"],
    ["in_transit", "returned"],
  ] as const)("does not require a reason for %s → %s", (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
    expect(checkTransition(from, to, null)).toEqual({ ok: true });
  });
});

describe("active delivery and final statuses", () => {
  it.each([
    ["registered", true, false],
    ["picked_up", true, false],
    ["in_transit", true, false],
    ["out_for_delivery", true, false],
    ["failed_attempt", true, false],
    ["delivered", false, true],
    ["returned", false, true],
  ] as const)("%s: active %s, final %s", (status, active, final) => {
    expect(isActiveDelivery(status)).toBe(active);
    expect(isFinal(status)).toBe(final);
  });
});
