import { z } from "zod";
import { reportKind } from "@/db/schema";
import { freeText } from "@/lib/validation/free-text";

// Free text that reaches an admin's screen: the free-text rules of every field, and no markup,
// refused rather than cleaned, like parcel input.
const text = (max: number) => freeText(max).regex(/^[^<>]*$/, "must be plain text without markup");

/**
 * `POST /api/v1/parcels/{code}/reports`. A finder says where (`place`), may add a note
 * (`message`) and a way to reach them (`contact`); the owner's "not mine" and "return it"
 * need a reason (`message`) and take no contact (the carrier knows the owner).
 */
export const reportInputSchema = z
  .strictObject({
    kind: z.enum(reportKind, { error: `must be one of ${reportKind.join(", ")}` }),
    place: text(100).optional(),
    message: text(500).optional(),
    contact: text(100).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind === "found") return;
    if (!input.message) ctx.addIssue({ code: "custom", path: ["message"], message: "a reason is required" });
    if (input.contact) ctx.addIssue({ code: "custom", path: ["contact"], message: "only a found report has one" });
  });
