import { describe, expect, it } from "vitest";
import { parcelInputFastPath, parcelInputSchema } from "@/lib/parcels/parcel-input";

type Json = Record<string, unknown>;

const BASES: Json[] = [
  {
    recipient: {
      name: "홍길동",
      phone: "010-1234-5678",
      address: "경기도 의정부시 오목로 150",
      addressDetail: "211동 1203호",
      postalCode: "11657",
      memo: "문 앞에 놓아 주세요",
    },
    itemName: "무선 이어폰",
    printItemName: true,
    reference: "order-1",
  },
  { recipient: { name: "Jean-Luc O'Brien", phone: "+82 10 9876 5432", address: "150 Omok-ro, Uijeongbu-si" } },
  {
    recipient: { name: "김 민준", phone: "02-123-4567", address: "서울특별시 강남구 테헤란로 1 (역삼동)" },
    printItemName: false,
  },
];

const long = (n: number) => "가".repeat(n);
/** Values that sit on or just past each rule's edge, and values of the wrong kind. */
const VALUES: unknown[] = [
  "",
  " ",
  "  padded  ",
  " 홍길동 ",
  "a",
  long(32),
  long(33),
  long(100),
  long(101),
  long(200),
  long(201),
  ` ${long(100)} `,
  "line\nbreak",
  "tab\there",
  "del\u007f",
  "c1\u0085",
  "emoji 😀",
  "heart ❤",
  "<script>",
  "O'Brien",
  "J. R. R.",
  "12345",
  " 12345 ",
  "1234",
  "123456",
  "１２３４５",
  "010-1234-5678",
  " 010 1234 5678 ",
  "０１０-１２３４-５６７８",
  "+82 (0)10-1234-5678",
  "010-1234-567",
  "not a phone",
  "서울 중구 세종대로 110 #3/4 & 5-6",
  "a@b",
  0,
  1,
  true,
  false,
  null,
  undefined,
  [],
  ["x"],
  {},
  { name: "x" },
];

const FIELDS = {
  top: ["recipient", "itemName", "printItemName", "reference", "unknown"],
  recipient: ["name", "phone", "address", "addressDetail", "postalCode", "memo", "extra"],
};

function* variants(): Generator<unknown> {
  for (const base of BASES) {
    yield base;
    for (const value of VALUES) {
      for (const field of FIELDS.top) yield { ...base, [field]: value };
      for (const field of FIELDS.recipient) {
        yield { ...base, recipient: { ...(base.recipient as Json), [field]: value } };
      }
    }
    for (const field of FIELDS.recipient) {
      const recipient = { ...(base.recipient as Json) };
      delete recipient[field];
      yield { ...base, recipient };
    }
    // Same keys, another order: the result must still follow the schema's order.
    yield Object.fromEntries(Object.entries(base).reverse());
    yield { ...base, recipient: Object.fromEntries(Object.entries(base.recipient as Json).reverse()) };
  }
  yield* [null, undefined, "parcel", 1, [], [BASES[0]], Object.create(null), { recipient: null }];
}

describe("parcelInputFastPath", () => {
  it("accepts only what the schema accepts, and returns exactly what the schema returns", () => {
    let accepted = 0;
    let valid = 0;
    for (const input of variants()) {
      const fast = parcelInputFastPath(input);
      const parsed = parcelInputSchema.safeParse(input);
      if (parsed.success) valid += 1;
      if (fast === null) continue;
      accepted += 1;
      expect(parsed.success, JSON.stringify(input)).toBe(true);
      // Key order included: the recipient is stored as encrypted JSON.
      expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
      expect(fast).toEqual(parsed.data);
    }
    // It must also be worth having: nearly every valid parcel takes the fast path.
    expect(accepted).toBeGreaterThan(valid * 0.9);
  });
});
