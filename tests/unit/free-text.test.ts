import { describe, expect, it } from "vitest";
import { staffInputSchema } from "@/lib/auth/accounts";
import { parcelInputFastPath, parcelInputSchema } from "@/lib/parcels/parcel-input";
import { statusEventSchema } from "@/lib/parcels/record-event";
import { parcelInput } from "../support/fixtures";
import { HOSTILE_TEXT } from "../support/hostile-text";

type Json = Record<string, unknown>;
const FIELDS: [string, (value: string) => Json][] = [
  ["recipient.name", (v) => ({ ...parcelInput(), recipient: { ...parcelInput().recipient, name: v } })],
  ["recipient.address", (v) => ({ ...parcelInput(), recipient: { ...parcelInput().recipient, address: v } })],
  [
    "recipient.addressDetail",
    (v) => ({ ...parcelInput(), recipient: { ...parcelInput().recipient, addressDetail: v } }),
  ],
  ["recipient.memo", (v) => ({ ...parcelInput(), recipient: { ...parcelInput().recipient, memo: v } })],
  ["itemName", (v) => ({ ...parcelInput(), itemName: v })],
  ["reference", (v) => ({ ...parcelInput(), reference: v })],
];

describe("free text in a parcel (schema and fast path agree)", () => {
  for (const [field, build] of FIELDS) {
    it.each(Object.entries(HOSTILE_TEXT))(`${field}: refuses %s`, (_, value) => {
      const input = build(value);
      expect(parcelInputSchema.safeParse(input).success).toBe(false);
      expect(parcelInputFastPath(input)).toBeNull();
    });
  }

  it("still takes ordinary Korean and English text, and Hangul filler inside real text is the shipper's", () => {
    const input = { ...parcelInput(), itemName: "무선 이어폰 (white) #2", reference: "order-1/a" };
    expect(parcelInputSchema.safeParse(input).success).toBe(true);
    expect(parcelInputFastPath(input)).not.toBeNull();
  });
});

describe("free text elsewhere", () => {
  it.each(Object.entries(HOSTILE_TEXT))("a status event's reason and place refuse %s", (_, value) => {
    expect(statusEventSchema.safeParse({ status: "failed", reason: value }).success).toBe(false);
    expect(statusEventSchema.safeParse({ status: "in_transit", place: value }).success).toBe(false);
  });

  it("a staff account's display name refuses Hangul filler only and bidi overrides", () => {
    const base = { email: "x@test.local", password: "long-enough-pass-1" };
    expect(staffInputSchema.safeParse({ ...base, displayName: "\u3164\u3164" }).success).toBe(false);
    expect(staffInputSchema.safeParse({ ...base, displayName: "김\u202E민준" }).success).toBe(false);
    expect(staffInputSchema.safeParse({ ...base, displayName: "김민준" }).success).toBe(true);
  });
});
