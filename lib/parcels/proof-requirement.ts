// No database import: the courier's screen decides with these too (db/schema.ts builds its enum from this list).
export const PROOF_REQUIREMENTS = ["none", "photo", "pin", "both"] as const;
export type ProofRequirement = (typeof PROOF_REQUIREMENTS)[number];

/** A parcel's own requirement wins over its carrier's default. */
export function effectiveProof(parcel: ProofRequirement | null, carrierDefault: ProofRequirement): ProofRequirement {
  return parcel ?? carrierDefault;
}

export const needsPhoto = (proof: ProofRequirement) => proof === "photo" || proof === "both";
export const needsPin = (proof: ProofRequirement) => proof === "pin" || proof === "both";

/** Five wrong PINs lock it; from then on a photo is the proof (or an admin steps in). */
export const PIN_MAX_FAILURES = 5;
