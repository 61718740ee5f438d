import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { generatePiiKeys } from "@/lib/privacy/pii-crypto";

const LOCAL_VAPID_SUBJECT = "mailto:push@exqress.local";

const NAMES = ["AUTH_SECRET", "PII_KEYS", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"] as const;
type Secrets = Record<(typeof NAMES)[number], string>;

function generate(stored: Partial<Secrets>): Secrets {
  // The two VAPID keys are one pair: both stored, or both new.
  const pair =
    stored.VAPID_PUBLIC_KEY && stored.VAPID_PRIVATE_KEY
      ? { publicKey: stored.VAPID_PUBLIC_KEY, privateKey: stored.VAPID_PRIVATE_KEY }
      : webpush.generateVAPIDKeys();
  return {
    AUTH_SECRET: stored.AUTH_SECRET ?? randomBytes(48).toString("base64url"),
    PII_KEYS: stored.PII_KEYS ?? generatePiiKeys(),
    VAPID_PUBLIC_KEY: pair.publicKey,
    VAPID_PRIVATE_KEY: pair.privateKey,
    VAPID_SUBJECT: stored.VAPID_SUBJECT ?? LOCAL_VAPID_SUBJECT,
  };
}

/**
 * For local use only: fills AUTH_SECRET, PII_KEYS and the Web Push (VAPID) keys from
 * `.data/secrets.json`, generating them the first time, so encrypted demo data stays readable
 * and browsers' push subscriptions stay valid across restarts. In production nothing is
 * generated and a missing secret stops the start.
 */
export function localSecrets(dataDir: string, environment: Record<string, string | undefined>): Partial<Secrets> {
  const missing = NAMES.filter((name) => !environment[name]);
  if (missing.length === 0 || environment.NODE_ENV === "production") return {};
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
  const secrets = generate(stored);
  if (NAMES.some((name) => stored[name] !== secrets[name])) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  // A key the environment sets keeps its own pair: only a pair missing as a whole is filled.
  const pairSet = Boolean(environment.VAPID_PUBLIC_KEY || environment.VAPID_PRIVATE_KEY);
  const filled = missing.filter((name) => !(pairSet && (name === "VAPID_PUBLIC_KEY" || name === "VAPID_PRIVATE_KEY")));
  return Object.fromEntries(filled.map((name) => [name, secrets[name]]));
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
