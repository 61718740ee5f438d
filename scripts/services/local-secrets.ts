import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";

type Secrets = { AUTH_SECRET: string; PII_KEYS: string };

/**
 * For local use only: fills AUTH_SECRET and PII_KEYS from `.data/secrets.json`,
 * generating them the first time, so encrypted demo data stays readable across
 * restarts. In production nothing is generated and a missing secret stops the start.
 */
export function localSecrets(dataDir: string, environment: Record<string, string | undefined>): Partial<Secrets> {
  if (environment.AUTH_SECRET && environment.PII_KEYS) return {};
  if (environment.NODE_ENV === "production") return {};
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  const secrets: Secrets = {
    AUTH_SECRET: stored.AUTH_SECRET ?? randomBytes(48).toString("base64url"),
    PII_KEYS: stored.PII_KEYS ?? generatePiiKeys(),
  };
  if (stored.AUTH_SECRET !== secrets.AUTH_SECRET || stored.PII_KEYS !== secrets.PII_KEYS) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  return {
    ...(environment.AUTH_SECRET ? {} : { AUTH_SECRET: secrets.AUTH_SECRET }),
    ...(environment.PII_KEYS ? {} : { PII_KEYS: secrets.PII_KEYS }),
  };
}

/**
 * For local use only: without an SMS provider, sign-up codes go to `.data/outbox.log`, where the
 * developer reads them. Said explicitly (SMS_PROVIDER=outbox) because `next start` runs with
 * NODE_ENV=production, where the app refuses to start without a provider.
 */
export function localSmsProvider(environment: Record<string, string | undefined>): { SMS_PROVIDER?: "outbox" } {
  if (environment.NODE_ENV === "production" || environment.SMS_PROVIDER_URL || environment.SMS_PROVIDER) return {};
  return { SMS_PROVIDER: "outbox" };
}
