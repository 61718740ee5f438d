import { createHmac, randomBytes } from "node:crypto";

/** A new endpoint's signing secret: 256 random bits behind a prefix secret scanners can find. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/**
 * The `Exq-Signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 * keyed by the endpoint's whole secret. The time inside the signed text lets a receiver refuse
 * an old delivery replayed at it.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}
