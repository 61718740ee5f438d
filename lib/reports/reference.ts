import { randomBytes } from "node:crypto";
import { PARCEL_CODE_ALPHABET } from "@/lib/parcels/code";

/**
 * A report's reference, e.g. `R-7KM2-Q9XP-4T`: 50 random bits in Crockford base32, easy to read
 * out on the phone, and never sequential (a count of reports is the carrier's business).
 */
export function newReportReference(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => PARCEL_CODE_ALPHABET[byte & 31]).join("");
  return `R-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
