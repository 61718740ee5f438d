import { describe, expect, it } from "vitest";
import { newParcelCode } from "@/lib/parcels/code";
import { createRecipient } from "../../support/fixtures";
import { cookieFor, recipientApi } from "../../support/recipient-api";
import { recipientWorld } from "../../support/recipient-world";

/**
 * The owner's reports ("not mine", "return it") are refused to everyone else. The refusal must
 * not tell a signed-in recipient whether a code they typed belongs to someone or to no one.
 */
describe("an owner's report on a code that is not the caller's", () => {
  it("answers another's parcel, an unknown code and a malformed one alike", async () => {
    const world = await recipientWorld();
    const parcel = await world.parcel({ status: "out_for_delivery" });
    for (const body of [
      { kind: "not_mine", message: "주문한 적 없는 상품입니다" },
      { kind: "return", message: "반품해 주세요" },
    ]) {
      // A recipient of their own for each kind: the report budget allows five at once.
      const asOther = { cookie: await cookieFor(await createRecipient()) };
      const answers = [];
      for (const code of [parcel.code, newParcelCode(), "not-a-code"]) {
        const response = await recipientApi.report(code, asOther, body);
        answers.push({ status: response.status, body: await response.json() });
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    }
  });
});
