import { describe, expect, it } from "vitest";
import { staffInputSchema } from "@/lib/auth/accounts";
import { parcelInputFastPath, parcelInputSchema } from "@/lib/parcels/parcel-input";
import { statusEventSchema } from "@/lib/parcels/record-event";
import { parcelInput } from "../support/fixtures";

/**
 * Issue 14, findings 2 and 8: free text that displays as something other than what it is. Bidi
 * overrides reorder what a courier reads (an address that reads backwards), zero-width and
 * filler characters make a name look blank or make two values look equal, lone surrogates are
 * not text at all. Every free-text field refuses them; a name of only Hangul filler is refused.
 */
const HOSTILE: Record<string, string> = {
  "right-to-left override": "홍길동\u202E321-4321-010",
  "left-to-right isolate": "서울\u2066로\u2069",
  "zero-width space": "홍\u200B길동",
  "zero-width joiner": "홍\u200D길동",
  "byte order mark": "홍\uFEFF길동",
  "word joiner": "홍\u2060길동",
  "lone high surrogate": "홍\uD800길동",
  "lone low surrogate": "홍\uDC00길동",
  "bell control": "홍\u0007길동",
  "line separator": "홍\u2028길동",
  "Hangul filler only": "\u3164\u3164\u3164",
  "Hangul choseong/jungseong fillers only": "\u115F\u1160",
  "halfwidth Hangul filler only": "\uFFA0",
  "braille blank only": "\u2800\u2800",
};

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
    it.each(Object.entries(HOSTILE))(`${field}: refuses %s`, (_, value) => {
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
  it.each(Object.entries(HOSTILE))("a status event's reason and place refuse %s", (_, value) => {
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
