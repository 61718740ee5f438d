import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { localSecrets, localSmsProvider } from "@/scripts/services/local-secrets";
import { piiKeyRing } from "@/lib/privacy/pii-crypto";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exq-secrets-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("localSecrets", () => {
  it("generates valid secrets once and reuses them", () => {
    const dir = tempDir();
    const first = localSecrets(dir, {});
    const second = localSecrets(dir, {});
    expect(second).toEqual(first);
    expect(fs.statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    const config = parseEnv({ DATABASE_URL: "postgres://h/db", REDIS_URL: "redis://h", ...first });
    expect(piiKeyRing(config.PII_KEYS).current.key).toHaveLength(32);
  });

  it("makes a VAPID key pair once, and leaves a pair the environment sets alone", () => {
    const dir = tempDir();
    const first = localSecrets(dir, {});
    expect(Buffer.from(first.VAPID_PUBLIC_KEY!, "base64url")).toHaveLength(65);
    expect(Buffer.from(first.VAPID_PRIVATE_KEY!, "base64url")).toHaveLength(32);
    expect(first.VAPID_SUBJECT).toMatch(/^mailto:/);
    expect(localSecrets(dir, {}).VAPID_PRIVATE_KEY).toBe(first.VAPID_PRIVATE_KEY);
    const own = localSecrets(dir, { VAPID_PUBLIC_KEY: "set", VAPID_PRIVATE_KEY: "set" });
    expect(own).not.toHaveProperty("VAPID_PUBLIC_KEY");
    expect(own).not.toHaveProperty("VAPID_PRIVATE_KEY");
  });

  it("keeps what the environment sets", () => {
    expect(localSecrets(tempDir(), { AUTH_SECRET: "a".repeat(40) })).not.toHaveProperty("AUTH_SECRET");
  });

  it("generates nothing in production", () => {
    const dir = tempDir();
    expect(localSecrets(dir, { NODE_ENV: "production" })).toEqual({});
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
  });
});

describe("localSmsProvider", () => {
  const base = { DATABASE_URL: "postgres://h/db", REDIS_URL: "redis://h", AUTH_SECRET: "a".repeat(40) };

  it("lets a local `next start` (NODE_ENV=production) start without a provider: the outbox", () => {
    const local = localSmsProvider({});
    expect(local).toEqual({ SMS_PROVIDER: "outbox" });
    const env = { ...base, ...localSecrets(tempDir(), {}), NODE_ENV: "production", ...local };
    expect(parseEnv(env).SMS_PROVIDER).toBe("outbox");
  });

  it("leaves a configured provider, and production, alone", () => {
    expect(localSmsProvider({ SMS_PROVIDER_URL: "https://sms.example" })).toEqual({});
    expect(localSmsProvider({ SMS_PROVIDER: "log" })).toEqual({});
    expect(localSmsProvider({ NODE_ENV: "production" })).toEqual({});
  });
});
