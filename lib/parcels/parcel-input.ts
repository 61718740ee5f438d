import { z } from "zod";
import { normalizePhone } from "@/lib/privacy/phone";

/**
 * What a carrier may send for one parcel (CONTRACT.md's parcel input). Strict:
 * an unknown field is an error, so a typo never silently drops data. Text is
 * refused rather than cleaned when it carries markup, control characters or
 * emoji where a person's name or address belongs.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const ADDRESS = /^[\p{L}\p{M}\p{N} ,.()#/'&-]+$/u;
const NOT_EMOJI = /^[^\p{Extended_Pictographic}]*$/u;

const text = (max: number) =>
  z
    .string({ error: "must be text" })
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), "must not contain control characters");

const optionalText = (max: number) => text(max).optional();

export const recipientSchema = z.strictObject({
  name: text(100).regex(NAME, "must be letters, spaces, dots, hyphens or apostrophes"),
  phone: z
    .string({ error: "must be text" })
    .trim()
    .max(32, "must be at most 32 characters")
    .refine((value) => normalizePhone(value) !== null, "must be a Korean phone number, e.g. 010-1234-5678"),
  address: text(200).regex(ADDRESS, "must be an address: letters, digits, spaces and , . ( ) # / - only"),
  addressDetail: optionalText(100).refine(
    (value) => value === undefined || ADDRESS.test(value),
    "must be letters, digits, spaces and , . ( ) # / - only",
  ),
  postalCode: z
    .string({ error: "must be text" })
    .trim()
    .regex(/^\d{5}$/, "must be 5 digits")
    .optional(),
  memo: optionalText(200).refine((value) => value === undefined || NOT_EMOJI.test(value), "must not contain emoji"),
});

export const parcelInputSchema = z.strictObject({
  recipient: recipientSchema,
  itemName: optionalText(100).refine((value) => value === undefined || NOT_EMOJI.test(value), "must not contain emoji"),
  printItemName: z.boolean({ error: "must be true or false" }).optional(),
  reference: optionalText(100),
});

export type ParcelInputData = z.output<typeof parcelInputSchema>;

export const MAX_BATCH = 10_000;

export const batchInputSchema = z.strictObject({
  parcels: z
    .array(z.unknown(), { error: "must be a list of parcels" })
    .min(1, "must hold at least one parcel")
    .max(MAX_BATCH, `must hold at most ${MAX_BATCH} parcels`),
});
