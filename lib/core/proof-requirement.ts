// No database import: the courier's screen decides with these too (db/schema.ts builds its enum from this list).
export const PROOF_REQUIREMENTS = ["none", "photo", "pin", "both"] as const;
export type ProofRequirement = (typeof PROOF_REQUIREMENTS)[number];
