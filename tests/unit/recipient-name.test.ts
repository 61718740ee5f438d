import { describe, expect, it } from "vitest";
import { parcelInputFastPath, parcelInputSchema } from "@/lib/parcels/parcel-input";
import { maskName } from "@/lib/privacy/mask";

const withName = (name: string) => ({
  recipient: { name, phone: "010-1234-5678", address: "경기도 의정부시 오목로 150" },
});

/** Both validators of a parcel (the schema and its fast path) must give the same verdict. */
function accepted(name: string): boolean {
  const schema = parcelInputSchema.safeParse(withName(name)).success;
  expect(parcelInputFastPath(withName(name)) !== null, `fast path agrees on ${name}`).toBe(schema);
  return schema;
}

describe("recipient names as shippers write them", () => {
  it.each([
    ["(주)11번가", "(주)1***"],
    ["3M 코리아", "3* 코*아"],
    ["홍길동 (경비실)", "홍*동 (***)"],
    ["㈜한진", "㈜한*"],
    ["(유) 삼성", "(유) 삼*"],
    ["CJ대한통운 [본사]", "C***** [**]"],
    ["A&B Corp.", "A** C****"],
    ["홍길동1", "홍***"],
    ["John 2nd", "J*** 2**"],
    ["Jean-Luc O'Brien", "J******* O******"],
    ["홍길동", "홍*동"],
  ])("accepts %j and masks it as %j", (name, masked) => {
    expect(accepted(name)).toBe(true);
    expect(maskName(name)).toBe(masked);
  });

  it("never shows what a bracketed note says, nor more than the first character of a business word", () => {
    expect(maskName("홍길동 (김철수 댁)")).toBe("홍*동 (*** *)");
    expect(maskName("(주)가나다라")).toBe("(주)가**라");
  });

  it.each([
    ["markup", "<b>홍길동</b>"],
    ["a script", "<script>alert(1)</script>"],
    ["SQL quoting", "'; DROP TABLE parcels; --"],
    ["a control character", "홍길동\u0007"],
    ["a right-to-left override", "홍길동\u202e"],
    ["an emoji", "홍길동😀"],
    ["a keycap emoji", "3\ufe0f\u20e3 코리아"],
    ["a zero-width joiner", "홍\u200d길동"],
    ["digits only", "010-1234-5678"],
    ["an unbalanced bracket", "(주 11번가"],
    ["empty brackets only", "()"],
    ["a quote mark", '홍"길동'],
  ])("refuses %s", (_, name) => {
    expect(accepted(name)).toBe(false);
  });
});
