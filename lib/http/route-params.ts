import { z } from "zod";
import { parseParcelCode } from "@/lib/parcels/code";

/** A route's path parameters: their schema, and the 404 a value it refuses gets. */
export type ParamsSpec = { schema: z.ZodObject; notFound: string };

const NO_PARCEL = "No parcel has this code.";
const parcelCode = z.string().meta({ description: "the parcel code" });

/** A parcel code, normalised; a malformed one is not found, as an unknown one is. */
export const parcelCodeParams = {
  schema: z.object({
    code: parcelCode.transform((raw, ctx) => {
      const code = parseParcelCode(raw);
      if (code === null) ctx.addIssue({ code: "custom", message: "not a parcel code" });
      return code ?? z.NEVER;
    }),
  }),
  notFound: NO_PARCEL,
} satisfies ParamsSpec;

/** A code as typed, for the look-ups that charge a malformed code what they charge an unknown one. */
export const lookedUpCodeParams = { schema: z.object({ code: parcelCode }), notFound: NO_PARCEL } satisfies ParamsSpec;

/** A record's uuid `id` (an import, a webhook); another shape of id is a record nobody made. */
export const uuidIdParams = (notFound: string) =>
  ({ schema: z.object({ id: z.uuid() }), notFound }) satisfies ParamsSpec;
