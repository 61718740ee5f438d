// No database import: the courier's screen decides with these too.
import type { ProofRequirement } from "@/lib/core/proof-requirement";

/** A parcel's own requirement wins over its carrier's default. */
export function effectiveProof(parcel: ProofRequirement | null, carrierDefault: ProofRequirement): ProofRequirement {
  return parcel ?? carrierDefault;
}

export const needsPhoto = (proof: ProofRequirement) => proof === "photo" || proof === "both";
export const needsPin = (proof: ProofRequirement) => proof === "pin" || proof === "both";

/** Five wrong PINs lock it; from then on a photo is the proof (or an admin steps in). */
export const PIN_MAX_FAILURES = 5;
